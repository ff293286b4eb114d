/**
 * The call domain model: a call's timeline of normalized events and the rules that derive
 * its state, result, owner and durations. Plain Java, no Spring.
 */
@NullMarked
@NamedInterface("model")
package io.callbridge.calls.model;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.NamedInterface;
