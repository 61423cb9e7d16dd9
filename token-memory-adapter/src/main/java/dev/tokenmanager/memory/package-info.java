/**
 * The in-memory {@link dev.tokenmanager.core.port.TokenStore} on Caffeine: per-process fallback, and
 * the store for tests and demos.
 */
package dev.tokenmanager.memory;
