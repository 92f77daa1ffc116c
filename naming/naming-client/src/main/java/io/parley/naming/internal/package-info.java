/**
 * Shared between the naming client and server, not API: the JSON mapper of the wire types and the
 * TTL cache both resolvers use. May change without notice.
 */
package io.parley.naming.internal;
