package io.callbridge.shared.web;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.util.Arrays;
import java.util.Map;

import io.callbridge.shared.StorableText;
import io.callbridge.shared.Text;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.apache.tomcat.util.http.fileupload.FileUploadException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads the request's parameters (query string, form body, multipart parts) before
 * anything else does, so that a request the server cannot parse — a parameter without a
 * name, a bad %-escape or invalid UTF-8, too many parameters, a form or upload over the
 * limit, a malformed multipart body — is answered 400 with a precise message here,
 * instead of failing later in whichever filter or controller reads a parameter first. A
 * parameter holding a character that text may not hold ({@link StorableText}) is refused
 * here too, naming it. {@code TRACE}, which the container never allows, is refused here
 * too, and so is a {@code Content-Type} that is no concrete media type
 * ({@code application/*}, {@code foo}): Spring refuses to parse a wildcard as a request's
 * type with an {@link IllegalArgumentException}, which would otherwise end as a 500 in
 * whichever controller reads the body.
 */
class RequestParametersGuard extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger(RequestParametersGuard.class);

	private static final String WEBHOOKS = "/webhooks/";

	// A CRM's requests under the webhooks (retailCRM's click-to-call) are checked like
	// any other.
	private static final String CRM_WEBHOOKS = "/webhooks/crm/";

	private final ErrorResponses errors;

	private final Limits limits;

	RequestParametersGuard(ErrorResponses errors, Limits limits) {
		this.errors = errors;
		this.limits = limits;
	}

	/**
	 * The server's limits, quoted in the messages.
	 *
	 * @param maxParameters most parameters in one request
	 * @param maxFormSize largest form body
	 * @param maxUploadSize largest multipart request
	 */
	record Limits(int maxParameters, DataSize maxFormSize, DataSize maxUploadSize) {
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if ("TRACE".equals(request.getMethod())) {
			// Refused by the container anyway; answered here because its error page no
			// longer knows the method.
			response.setHeader("Allow", "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS");
			this.errors.write(request, response, 405, Text.of("problem.request.traceNotAllowed"));
			return;
		}
		String contentType = request.getContentType();
		if (contentType != null && !concrete(contentType)) {
			log.info("Refused {} {}: Content-Type '{}' is not a concrete media type", request.getMethod(),
					request.getRequestURI(), contentType);
			this.errors.write(request, response, 415, Text.of("problem.request.contentType", contentType));
			return;
		}
		Map<String, String[]> parameters;
		try {
			parameters = request.getParameterMap();
		}
		catch (IllegalStateException ex) {
			// Tomcat keeps the failure and throws it again on every later parameter read,
			// so the request cannot go on.
			log.info("Refused {} {}: parameters not readable ({})", request.getMethod(), request.getRequestURI(),
					ex.getMessage());
			this.errors.write(request, response, 400, describe(ex));
			return;
		}
		Text unstorable = providerWebhook(request) ? null : unstorable(parameters);
		if (unstorable != null) {
			log.info("Refused {} {}: a parameter holds a character text may not hold", request.getMethod(),
					request.getRequestURI());
			this.errors.write(request, response, 400, unstorable);
			return;
		}
		chain.doFilter(request, response);
	}

	private static boolean providerWebhook(HttpServletRequest request) {
		String path = request.getRequestURI();
		return path.startsWith(WEBHOOKS) && !path.startsWith(CRM_WEBHOOKS);
	}

	// The rule of JSON bodies and CSV files (StorableText), for every form, query
	// and multipart field at once: otherwise PostgreSQL refuses the value only when
	// it is written, as a conflict, and H2 keeps it. Not on a telephony provider's
	// webhooks: its signed event is stored as it came (the raw payload; the columns
	// derived from it are cleaned), never refused for its content.
	private static @Nullable Text unstorable(Map<String, String[]> parameters) {
		for (Map.Entry<String, String[]> parameter : parameters.entrySet()) {
			String name = parameter.getKey();
			int inName = StorableText.firstUnstorable(name);
			if (inName >= 0) {
				return Text.of("problem.request.unstorableName", StorableText.code(name, inName));
			}
			for (String value : parameter.getValue()) {
				int at = (value != null) ? StorableText.firstUnstorable(value) : -1;
				if (at >= 0) {
					return Text.of("problem.request.unstorable", ErrorResponses.shown(name),
							StorableText.code(value, at));
				}
			}
		}
		return null;
	}

	private static boolean concrete(String contentType) {
		try {
			MediaType type = MediaType.parseMediaType(contentType);
			return !type.isWildcardType() && !type.isWildcardSubtype();
		}
		catch (InvalidMediaTypeException ex) {
			return false;
		}
	}

	private Text describe(IllegalStateException ex) {
		if (tooLarge(ex)) {
			return Text.of("problem.request.tooLarge", size(this.limits.maxFormSize()),
					size(this.limits.maxUploadSize()));
		}
		if (causedBy(ex, FileUploadException.class)) {
			return Text.of("problem.request.multipart");
		}
		if (causedBy(ex, CharacterCodingException.class) || causedBy(ex, IllegalArgumentException.class)
				|| causedBy(ex, IOException.class)) {
			return Text.of("problem.request.encoding");
		}
		// Tomcat throws both "too many" and "no name" without a cause; where it threw
		// tells them apart.
		if (Arrays.stream(ex.getStackTrace())
			.limit(3)
			.anyMatch((frame) -> "addParameter".equals(frame.getMethodName()))) {
			return Text.of("problem.request.tooManyParameters", String.valueOf(this.limits.maxParameters()));
		}
		return Text.of("problem.request.malformedParameter");
	}

	private static boolean tooLarge(IllegalStateException ex) {
		if (ex instanceof InvalidParameterException invalid && invalid.getErrorCode() == 413) {
			return true;
		}
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause.getClass().getSimpleName().contains("SizeLimit")
					|| cause.getClass().getSimpleName().contains("SizeException")) {
				return true;
			}
			if (cause.getMessage() != null && cause.getMessage().contains("maxPostSize")) {
				return true;
			}
		}
		return false;
	}

	private static boolean causedBy(Throwable ex, Class<? extends Throwable> type) {
		for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return true;
			}
		}
		return false;
	}

	private static String size(DataSize size) {
		return (size.toMegabytes() > 0 && size.toBytes() % DataSize.ofMegabytes(1).toBytes() == 0)
				? size.toMegabytes() + " MB" : size.toKilobytes() + " KB";
	}

}
