package org.annexp2p.web;

import java.util.concurrent.ScheduledExecutorService;

/**
 * What the server hands every section: the settings it was started with, the event stream, and threads for work
 * that outlives a request (shut down with the server, so a section's work stops when the page does).
 */
public record UiContext(UiSettings settings, Events events, ScheduledExecutorService background) {
}
