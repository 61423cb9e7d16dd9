/**
 * The ports of the token manager: what it needs from the outside world ({@link
 * dev.tokenmanager.core.port.TokenSource}, {@link dev.tokenmanager.core.port.TokenStore}, {@link
 * dev.tokenmanager.core.port.Clock}). Adapters implement them; the core depends on nothing else.
 */
package dev.tokenmanager.core.port;
