/**
 * Fleet simulation in virtual time: many managers over one store and the Zoom-like sandbox, with
 * store outages and endpoint errors injected, reporting mints per rotation and caller failures.
 */
package dev.tokenmanager.app.simulate;
