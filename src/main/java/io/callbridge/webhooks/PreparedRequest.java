package io.callbridge.webhooks;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A request prepared by another module for an {@link EndpointKind#EXTERNAL_SITE} endpoint
 * (a campaign's external site called by the server): the delivery worker sends exactly
 * this, unsigned, with the body its format says, and retries it like any delivery.
 *
 * @param url the full URL (placeholders substituted; a GET's parameters already in its
 * query)
 * @param method GET or POST
 * @param format the body's format for a POST; {@code null} for a GET
 * @param params the parameters, in order (the body of a POST)
 * @param authId the token authentication to log in with first, if any
 * ({@link DeliveryCredentials})
 */
public record PreparedRequest(String url, EndpointMethod method, @Nullable BodyFormat format, List<Param> params,
		@Nullable Long authId) {

	public PreparedRequest {
		params = List.copyOf(params);
	}

	/** How a POST carries its parameters (OMniLeads' "formato"). */
	public enum BodyFormat {

		/** {@code multipart/form-data}, one part per parameter. */
		MULTIPART,
		/** {@code application/x-www-form-urlencoded}. */
		FORM,
		/** {@code text/plain}, one {@code name=value} line per parameter. */
		TEXT,
		/** {@code application/json}, an object of strings. */
		JSON

	}

	/**
	 * One parameter.
	 *
	 * @param name name
	 * @param value value, always a string
	 */
	public record Param(String name, String value) {
	}

}
