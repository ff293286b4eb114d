package io.callbridge.screenpop;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the agent console's live stream.
 *
 * @param streamTimeout how long one SSE stream stays open; the browser then opens a new
 * one by itself
 */
@ConfigurationProperties("callbridge.console")
record ConsoleProperties(@DefaultValue("30m") Duration streamTimeout) {
}
