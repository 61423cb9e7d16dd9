/**
 * Deliberate violations of the architecture rules, kept in test sources only, to prove the rules bite.
 */
package dev.tokenmanager.core.archfixture;
