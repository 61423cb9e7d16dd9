/**
 * Configuration of the token-app commands: the environment, {@code .env} files, and validation with
 * errors that name the setting and never print its value.
 */
package dev.tokenmanager.app.config;
