/**
 * The message broker in the integration sense: routes that take messages from a source (a queue or
 * a topic pattern), filter them with a selector, transform them (JSON, XML, CSV, field mapping) and
 * send them to one or more targets, fixed or chosen by content.
 *
 * <p>Routes come from code ({@link io.parley.broker.routing.Route#from(String)}) or from a config file
 * ({@link io.parley.broker.routing.RoutesConfig}); a {@link io.parley.broker.routing.Router} runs them
 * on a {@link io.parley.broker.Broker}.
 */
package io.parley.broker.routing;
