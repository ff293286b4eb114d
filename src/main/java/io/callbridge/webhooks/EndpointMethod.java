package io.callbridge.webhooks;

/**
 * The HTTP method an endpoint is called with: webhooks are always POSTed; a CRM trigger
 * may be called with any of these.
 */
public enum EndpointMethod {

	/** POST, with the JSON message as the body. */
	POST,
	/** GET, without a body: a CRM trigger's formatted string is all it carries. */
	GET,
	/** PUT, with the JSON message as the body. */
	PUT

}
