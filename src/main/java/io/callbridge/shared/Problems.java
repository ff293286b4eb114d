package io.callbridge.shared;

import java.util.List;

/**
 * The kinds of problem a request can run into, as exceptions that the web layer turns
 * into problem+json (API) or a readable message (UI). Each kind has a stable type URI and
 * HTTP status.
 */
public final class Problems {

	/** Base of every problem type URI. */
	public static final String TYPE_BASE = "https://callbridge.dev/problems/";

	private Problems() {
	}

	/** A problem with its stable kind, HTTP status and precise message. */
	public abstract static sealed class Problem extends RuntimeException
			permits BadRequest, NotFound, Conflict, InvalidInput, Forbidden, ProviderFailure {

		private final String kind;

		private final int status;

		private final transient Text text;

		protected Problem(String kind, int status, Text text) {
			super(text.english());
			this.kind = kind;
			this.status = status;
			this.text = text;
		}

		/** The message in the reader's language (the exception message is English). */
		public Text text() {
			return this.text;
		}

		public String kind() {
			return this.kind;
		}

		public int status() {
			return this.status;
		}

		public String typeUri() {
			return TYPE_BASE + this.kind;
		}

	}

	/**
	 * The request cannot be read at all (400): a malformed body or file, as opposed to
	 * well-formed content with invalid values ({@link InvalidInput}).
	 */
	public static final class BadRequest extends Problem {

		private final transient List<FieldError> errors;

		public BadRequest(String field, Text message) {
			super("bad-request", 400, message);
			this.errors = List.of(new FieldError(field, message));
		}

		public List<FieldError> errors() {
			return this.errors;
		}

	}

	/** The addressed record does not exist in the caller's tenant (404). */
	public static final class NotFound extends Problem {

		/**
		 * Not found.
		 * @param what the kind of record, a {@link Text} naming it
		 * @param id its id
		 */
		public NotFound(Text what, Object id) {
			super("not-found", 404, Text.of("problem.notFound", what, String.valueOf(id)));
		}

	}

	/**
	 * The request clashes with the current state (409), e.g. an extension that is already
	 * taken.
	 */
	public static final class Conflict extends Problem {

		public Conflict(Text message) {
			super("conflict", 409, message);
		}

	}

	/**
	 * The request is well-formed but its content is invalid (422), with per-field errors.
	 */
	public static final class InvalidInput extends Problem {

		private final transient List<FieldError> errors;

		public InvalidInput(String field, Text message) {
			this(List.of(new FieldError(field, message)));
		}

		public InvalidInput(List<FieldError> errors) {
			super("invalid-input", 422, summary(errors));
			this.errors = List.copyOf(errors);
		}

		public List<FieldError> errors() {
			return this.errors;
		}

		private static Text summary(List<FieldError> errors) {
			if (errors.isEmpty()) {
				return Text.of("problem.invalidInput");
			}
			Text summary = errors.get(0).text();
			for (FieldError error : errors.subList(1, errors.size())) {
				summary = Text.of("problem.joined", summary, error.text());
			}
			return summary;
		}

	}

	/** The user's role does not allow the action (403). */
	public static final class Forbidden extends Problem {

		public Forbidden(Text message) {
			super("forbidden", 403, message);
		}

	}

	/**
	 * A telephony provider refused or failed a request (502), with the provider's own
	 * answer.
	 */
	public static final class ProviderFailure extends Problem {

		public ProviderFailure(Text message) {
			super("provider-failure", 502, message);
		}

	}

	/**
	 * One invalid field.
	 *
	 * @param field the request field
	 * @param text what is wrong with it, in the reader's language
	 */
	public record FieldError(String field, Text text) {

		/** The message in English (for logs and tests). */
		public String message() {
			return this.text.english();
		}

	}

}
