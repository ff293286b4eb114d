package io.callbridge.uis.outbound;

/**
 * UIS's two JSON-RPC APIs, each with its own endpoint, sessions and point limits.
 */
enum UisApi {

	/** The Call API ({@code callapi.<host>/v4.0}): click-to-call. */
	CALL("call"),
	/** The Data API ({@code dataapi.<host>/v2.0}): reports, employees, numbers. */
	DATA("data");

	private final String key;

	UisApi(String key) {
		this.key = key;
	}

	/** The name stored with its limits: {@code call} or {@code data}. */
	String key() {
		return this.key;
	}

}
