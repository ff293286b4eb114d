package io.callbridge.crm.retailcrm.outbound;

import java.time.Duration;

import io.callbridge.shared.Text;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** What came of one retailCRM request: its accepted answer, or why there is none. */
sealed interface RetailCrmReply {

	/**
	 * retailCRM answered {@code success: true}.
	 *
	 * @param status the HTTP status (200, or 201 for an edit)
	 * @param body the answer
	 * @param excerpt its first kilobyte, secrets scrubbed, for the admin and the log
	 */
	record Success(int status, JsonNode body, String excerpt) implements RetailCrmReply {
	}

	/**
	 * No accepted answer.
	 *
	 * @param kind what kind of failure
	 * @param status the HTTP status, {@code null} without an answer
	 * @param text what went wrong, in the reader's language, with retailCRM's own words
	 * @param field the connection field at fault ({@code apiKey}, {@code baseUrl}), if
	 * one
	 * @param crmMessage retailCRM's {@code errorMsg}, if it gave one
	 * @param retryAfter how long to wait before trying again, when known
	 */
	record Failure(Kind kind, @Nullable Integer status, Text text, @Nullable String field, @Nullable String crmMessage,
			@Nullable Duration retryAfter) implements RetailCrmReply {

		/**
		 * Whether the same request may succeed later without anyone changing anything.
		 */
		boolean retryable() {
			return this.kind == Kind.RATE_LIMITED || this.kind == Kind.UNAVAILABLE;
		}

	}

	/** What kind of failure a request ran into. */
	enum Kind {

		/**
		 * retailCRM refused the request ({@code success: false}): wrong key, rights,
		 * refused fields, unknown object.
		 */
		REFUSED,
		/**
		 * Too many requests with this key: retailCRM's 503 or 429, or no room under its
		 * limits here before it.
		 */
		RATE_LIMITED,
		/** No answer in time, no connection, or retailCRM's own failure (5xx). */
		UNAVAILABLE,
		/**
		 * An answer that is not retailCRM's API (a web page, a redirect, garbage): the
		 * address is wrong.
		 */
		NOT_AN_API

	}

}
