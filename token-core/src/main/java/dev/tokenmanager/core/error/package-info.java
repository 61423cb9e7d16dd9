/**
 * The one unchecked error hierarchy of the token manager, rooted at {@link
 * dev.tokenmanager.core.error.TokenException}. Adapters translate vendor exceptions into these types
 * at their boundary and keep the original as the cause.
 */
package dev.tokenmanager.core.error;
