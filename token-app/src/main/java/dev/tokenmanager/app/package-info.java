/**
 * The token-app wiring: Guice modules that call the adapters' factories, an event listener that logs,
 * and the orderly close of what they built.
 */
package dev.tokenmanager.app;
