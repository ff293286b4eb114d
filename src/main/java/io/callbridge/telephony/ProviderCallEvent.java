package io.callbridge.telephony;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One provider event mapped to the normalized call model. Inbound adapters build these
 * from webhooks or polls and hand them to the {@link CallEventSink}; the raw payload is
 * kept for audit.
 *
 * @param accountId the telephony account the event belongs to
 * @param providerCallId the provider's id of the call, stable across the call's events
 * @param type what happened
 * @param occurredAt when it happened at the provider (UTC)
 * @param direction the call's direction, when the event tells it
 * @param externalNumber the other party's number as the provider sent it (normalized by
 * the core), or {@code null} when withheld
 * @param ourLine our number involved (DID dialled, or caller id used)
 * @param extension the extension concerned (rung, answering, transfer target, last
 * participant)
 * @param transferFrom the extension a transfer came from
 * @param result how the call ended ({@link CallEventType#ENDED} only)
 * @param talkSeconds talk time reported by the provider ({@code ENDED} only)
 * @param recordingRef the provider's reference to a recording
 * @param cost the call's cost, when reported
 * @param currency the cost's currency
 * @param dedupeKey the provider's own event id, or {@code null} to derive one from the
 * content
 * @param rawPayload the payload as received, for audit
 * @param source where the event comes from (a webhook by default)
 */
public record ProviderCallEvent(long accountId, String providerCallId, CallEventType type, Instant occurredAt,
		@Nullable CallDirection direction, @Nullable String externalNumber, @Nullable String ourLine,
		@Nullable String extension, @Nullable String transferFrom, @Nullable CallResult result,
		@Nullable Integer talkSeconds, @Nullable String recordingRef, @Nullable BigDecimal cost,
		@Nullable String currency, @Nullable String dedupeKey, String rawPayload, EventSource source) {

	public ProviderCallEvent {
		Objects.requireNonNull(providerCallId, "providerCallId");
		Objects.requireNonNull(type, "type");
		Objects.requireNonNull(occurredAt, "occurredAt");
		Objects.requireNonNull(source, "source");
	}

	/**
	 * The key under which a repeated delivery of this event is recognised and ignored.
	 */
	public String effectiveDedupeKey() {
		if (this.dedupeKey != null && !this.dedupeKey.isBlank()) {
			return this.dedupeKey;
		}
		return this.type + "|" + this.occurredAt.toEpochMilli() + "|" + Objects.toString(this.extension, "") + "|"
				+ Objects.toString(this.result, "") + "|" + Objects.toString(this.recordingRef, "");
	}

	/** Starts a builder for an event of the given call. */
	public static Builder of(long accountId, String providerCallId, CallEventType type, Instant occurredAt) {
		return new Builder(accountId, providerCallId, type, occurredAt);
	}

	/**
	 * Builds a {@link ProviderCallEvent} field by field; adapters fill only what their
	 * payload carries.
	 */
	public static final class Builder {

		private final long accountId;

		private final String providerCallId;

		private final CallEventType type;

		private final Instant occurredAt;

		private @Nullable CallDirection direction;

		private @Nullable String externalNumber;

		private @Nullable String ourLine;

		private @Nullable String extension;

		private @Nullable String transferFrom;

		private @Nullable CallResult result;

		private @Nullable Integer talkSeconds;

		private @Nullable String recordingRef;

		private @Nullable BigDecimal cost;

		private @Nullable String currency;

		private @Nullable String dedupeKey;

		private String rawPayload = "";

		private EventSource source = EventSource.PROVIDER;

		private Builder(long accountId, String providerCallId, CallEventType type, Instant occurredAt) {
			this.accountId = accountId;
			this.providerCallId = providerCallId;
			this.type = type;
			this.occurredAt = occurredAt;
		}

		public Builder direction(@Nullable CallDirection direction) {
			this.direction = direction;
			return this;
		}

		public Builder externalNumber(@Nullable String externalNumber) {
			this.externalNumber = externalNumber;
			return this;
		}

		public Builder ourLine(@Nullable String ourLine) {
			this.ourLine = ourLine;
			return this;
		}

		public Builder extension(@Nullable String extension) {
			this.extension = extension;
			return this;
		}

		public Builder transferFrom(@Nullable String transferFrom) {
			this.transferFrom = transferFrom;
			return this;
		}

		public Builder result(@Nullable CallResult result) {
			this.result = result;
			return this;
		}

		public Builder talkSeconds(@Nullable Integer talkSeconds) {
			this.talkSeconds = talkSeconds;
			return this;
		}

		public Builder recordingRef(@Nullable String recordingRef) {
			this.recordingRef = recordingRef;
			return this;
		}

		public Builder cost(@Nullable BigDecimal cost, @Nullable String currency) {
			this.cost = cost;
			this.currency = currency;
			return this;
		}

		public Builder dedupeKey(@Nullable String dedupeKey) {
			this.dedupeKey = dedupeKey;
			return this;
		}

		public Builder rawPayload(String rawPayload) {
			this.rawPayload = rawPayload;
			return this;
		}

		public Builder source(EventSource source) {
			this.source = source;
			return this;
		}

		public ProviderCallEvent build() {
			return new ProviderCallEvent(this.accountId, this.providerCallId, this.type, this.occurredAt,
					this.direction, this.externalNumber, this.ourLine, this.extension, this.transferFrom, this.result,
					this.talkSeconds, this.recordingRef, this.cost, this.currency, this.dedupeKey, this.rawPayload,
					this.source);
		}

	}

}
