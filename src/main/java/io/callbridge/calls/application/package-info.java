/**
 * Use cases of the calls module: applying provider events, click-to-call, dispositions
 * and outcomes.
 */
@NullMarked
package io.callbridge.calls.application;

import org.jspecify.annotations.NullMarked;
