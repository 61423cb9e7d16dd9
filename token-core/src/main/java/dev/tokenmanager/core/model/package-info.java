/**
 * Immutable values of the token manager: tokens, their keys, secrets and failure records. None of
 * them ever shows a token value or a secret in its text form.
 */
package dev.tokenmanager.core.model;
