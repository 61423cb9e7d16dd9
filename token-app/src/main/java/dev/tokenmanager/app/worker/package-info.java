/** A fleet member: jobs that take tokens from a manager in a loop, as a real process would. */
package dev.tokenmanager.app.worker;
