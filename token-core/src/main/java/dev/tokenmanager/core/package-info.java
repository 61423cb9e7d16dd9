/**
 * The token manager ({@link dev.tokenmanager.core.TokenManager}) and its policies. It keeps one
 * shared token per key, rotated in the background before it expires, and degrades instead of failing
 * when the store or the authorization server misbehaves.
 */
package dev.tokenmanager.core;
