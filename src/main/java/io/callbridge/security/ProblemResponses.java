package io.callbridge.security;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import io.callbridge.shared.Problems;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Writes problem+json answers from security filters, where the MVC exception handlers do
 * not reach.
 */
@Component
class ProblemResponses {

	void write(HttpServletResponse response, int status, String kind, String detail) throws IOException {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", Problems.TYPE_BASE + kind);
		body.put("title", HttpStatus.valueOf(status).getReasonPhrase());
		body.put("status", status);
		body.put("detail", detail);
		response.setStatus(status);
		response.setContentType("application/problem+json");
		response.setCharacterEncoding("UTF-8");
		if (status == 401) {
			response.setHeader("WWW-Authenticate", "Bearer");
		}
		response.getWriter().write(JsonMapper.shared().writeValueAsString(body));
	}

}
