/**
 * The command-line layer: the {@code token-app} commands. The only code that prints.
 */
package dev.tokenmanager.app.cli;
