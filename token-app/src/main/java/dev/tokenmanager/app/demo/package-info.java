/**
 * The demo job: a sandbox, a fleet of token managers over one store, and jobs calling the sandbox's
 * API with the tokens they are handed.
 */
package dev.tokenmanager.app.demo;
