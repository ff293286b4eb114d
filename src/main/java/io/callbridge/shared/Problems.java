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
			permits NotFound, Conflict, InvalidInput, Forbidden, ProviderFailure {

		private final String kind;

		private final int status;

		protected Problem(String kind, int status, String message) {
			super(message);
			this.kind = kind;
			this.status = status;
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

	/** The addressed record does not exist in the caller's tenant (404). */
	public static final class NotFound extends Problem {

		public NotFound(String what, Object id) {
			super("not-found", 404, what + " " + id + " was not found.");
		}

	}

	/**
	 * The request clashes with the current state (409), e.g. an extension that is already
	 * taken.
	 */
	public static final class Conflict extends Problem {

		public Conflict(String message) {
			super("conflict", 409, message);
		}

	}

	/**
	 * The request is well-formed but its content is invalid (422), with per-field errors.
	 */
	public static final class InvalidInput extends Problem {

		private final transient List<FieldError> errors;

		public InvalidInput(String field, String message) {
			this(List.of(new FieldError(field, message)));
		}

		public InvalidInput(List<FieldError> errors) {
			super("invalid-input", 422, errors.isEmpty() ? "Invalid input." : summary(errors));
			this.errors = List.copyOf(errors);
		}

		public List<FieldError> errors() {
			return this.errors;
		}

		private static String summary(List<FieldError> errors) {
			return String.join(" ", errors.stream().map(FieldError::message).toList());
		}

	}

	/** The user's role does not allow the action (403). */
	public static final class Forbidden extends Problem {

		public Forbidden(String message) {
			super("forbidden", 403, message);
		}

	}

	/**
	 * A telephony provider refused or failed a request (502), with the provider's own
	 * answer.
	 */
	public static final class ProviderFailure extends Problem {

		public ProviderFailure(String message) {
			super("provider-failure", 502, message);
		}

	}

	/**
	 * One invalid field.
	 *
	 * @param field the request field
	 * @param message what is wrong with it
	 */
	public record FieldError(String field, String message) {
	}

}
