package io.callbridge.sandbox;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Timing of the sandbox PBX's scripted calls.
 *
 * @param ringDelay how long a scripted call rings before it is answered, missed or busy
 * @param answerDelay how long the called party of a click-to-call takes to answer, and
 * how long a scripted answered call talks
 * @param maxCallDuration after this a sandbox call is hung up automatically
 * @param decisionDeadline how long the sandbox waits for the core's call-start decision
 */
@ConfigurationProperties("callbridge.sandbox")
public record SandboxProperties(@DefaultValue("2s") Duration ringDelay, @DefaultValue("2s") Duration answerDelay,
		@DefaultValue("10m") Duration maxCallDuration, @DefaultValue("500ms") Duration decisionDeadline) {
}
