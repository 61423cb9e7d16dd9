/**
 * The token manager ({@link dev.tokenmanager.core.TokenManager}) and its policies. It keeps one
 * shared token per key, rotated in the background before it expires, and degrades instead of failing
 * when the store or the authorization server misbehaves.
 *
 * <p>The store decorators live here too: {@link dev.tokenmanager.core.EncryptingTokenStore} keeps
 * token values sealed at rest with the keys of a {@link dev.tokenmanager.core.TokenKeyring}, and
 * {@link dev.tokenmanager.core.FailoverTokenStore} uses the first healthy of several stores (Redis in
 * two regions, then memory) and skips a dead one without waiting for its timeout on every call.
 */
package dev.tokenmanager.core;
