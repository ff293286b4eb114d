/**
 * REST API and pages for calls: history, detail with timeline, dispositions,
 * click-to-call, CSV export.
 */
@NullMarked
package io.callbridge.calls.web;

import org.jspecify.annotations.NullMarked;
