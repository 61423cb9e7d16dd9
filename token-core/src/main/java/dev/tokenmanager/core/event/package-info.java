/**
 * What the token manager reports: {@link dev.tokenmanager.core.event.TokenEvent}s for every decision
 * (mint, adopt, failure, invalidation, degradation) and the listener port that receives them. The
 * core reports; the application turns events into logs and metrics.
 */
package dev.tokenmanager.core.event;
