package io.callbridge.crm.retailcrm;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * An answer of the simulated retailCRM before it is written: status, content type, body,
 * and for the request log the {@code errorMsg} or what refused it.
 *
 * @param status the HTTP status
 * @param contentType the Content-Type
 * @param body the body
 * @param refusal what refused the request, null on success
 */
record RetailCrmReply(int status, String contentType, String body, @Nullable String refusal) {

	private static final JsonMapper JSON = JsonMapper.shared();

	static RetailCrmReply json(int status, String body, @Nullable String refusal) {
		return new RetailCrmReply(status, "application/json; charset=UTF-8", body, refusal);
	}

	static RetailCrmReply success(int status, Map<String, Object> body) {
		return json(status, JSON.writeValueAsString(body), null);
	}

	static RetailCrmReply refused(RetailCrmRefusal refusal) {
		return json(refusal.status(), JSON.writeValueAsString(refusal.body()), refusal.getMessage());
	}

	/**
	 * The front proxy's own page, as nginx answers a rate limit or an unavailable
	 * upstream [inf: retailCRM's rate limit answers 503 per the official Go client, the
	 * body is not documented].
	 */
	static RetailCrmReply proxy(int status, String refusal) {
		String title = status + switch (status) {
			case 429 -> " Too Many Requests";
			case 503 -> " Service Temporarily Unavailable";
			default -> " Error";
		};
		return new RetailCrmReply(status, "text/html",
				"<html>\r\n<head><title>" + title + "</title></head>\r\n<body>\r\n<center><h1>" + title
						+ "</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n",
				refusal);
	}

}
