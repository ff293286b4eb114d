package io.callbridge.webhooks;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How outbound webhooks and CRM triggers are delivered ({@code callbridge.webhooks.*}).
 *
 * @param retrySchedule the wait before each attempt after the first failure: Svix's
 * schedule (5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h) extended by five times 12 h, about
 * 3.6 days in all and more than three days even when the jitter shortens every wait; a
 * delivery whose schedule is exhausted is FAILED
 * @param jitter each wait is moved randomly by up to this fraction either way, so the
 * retries of many deliveries that failed together do not arrive together
 * @param disableAfter an endpoint with no successful answer for this long (while attempts
 * fail) is disabled, and its admins see a notice
 * @param connectTimeout the longest wait for a connection
 * @param requestTimeout the longest wait for the whole answer, from sending to the last
 * byte read
 * @param excerptChars how much of an answer is stored in the attempt log
 * @param maxAnswerBytes how much of an answer is read at most; the rest is not read
 * @param claimSize how many deliveries a node claims at once
 * @param claimLease how long a claim is the node's: longer than an attempt takes; a node
 * that stops holding claims has its deliveries taken over after this
 * @param concurrency how many requests a node sends at once
 * @param pollInterval how often each node looks for due deliveries
 * @param maxRetryAfter the longest {@code Retry-After} honoured on a 429 or 503 answer
 * @param attemptRetention attempts older than this are deleted from the log
 * @param messageRetention messages older than this with no delivery still pending are
 * deleted with their deliveries (and can no longer be replayed)
 * @param allowPrivateTargets whether endpoints may be on loopback or private networks
 * (on-premises installs); link-local and cloud metadata addresses are refused anyway
 */
@Validated
@ConfigurationProperties("callbridge.webhooks")
public record WebhookProperties(@NotEmpty @DefaultValue( {
		"5s", "5m", "30m", "2h", "5h", "10h", "10h", "12h", "12h", "12h", "12h", "12h" }) List<Duration> retrySchedule,
		@Min(0) @Max(1) @DefaultValue("0.1") double jitter, @NotNull @DefaultValue("5d") Duration disableAfter,
		@NotNull @DefaultValue("5s") Duration connectTimeout, @NotNull @DefaultValue("15s") Duration requestTimeout,
		@Min(0) @Max(1024) @DefaultValue("1024") int excerptChars, @Min(1024) @DefaultValue("65536") int maxAnswerBytes,
		@Min(1) @Max(1000) @DefaultValue("100") int claimSize, @NotNull @DefaultValue("2m") Duration claimLease,
		@Min(1) @Max(1000) @DefaultValue("32") int concurrency, @NotNull @DefaultValue("1s") Duration pollInterval,
		@NotNull @DefaultValue("1h") Duration maxRetryAfter, @NotNull @DefaultValue("30d") Duration attemptRetention,
		@NotNull @DefaultValue("30d") Duration messageRetention, @DefaultValue("false") boolean allowPrivateTargets){
}
