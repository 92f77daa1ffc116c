/**
 * The engine SPI: what an engine (Artemis, Kafka) implements under the broker client. Engines
 * declare {@link io.parley.broker.spi.Capability capabilities}; the TCK checks each one they declare.
 */
package io.parley.broker.spi;
