package io.callbridge.omnileads;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.callbridge.shared.StorableText;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.stereotype.Component;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import org.springframework.web.util.DisconnectedClientHelper;

/**
 * Answers every error under {@code /omnileads/} in OMniLeads' shapes, ahead of
 * Callbridge's own handlers (which answer problem+json): an {@link OmlAnswer} as it is,
 * an unknown path 404 and a wrong method 405 as Django REST framework words them, an
 * unreadable body 400, anything unexpected 500. It runs before the MVC exception
 * handlers, so requests that matched no controller (which no controller advice restricted
 * to this package would see) are covered too.
 */
@Component
class OmlErrors implements HandlerExceptionResolver, Ordered {

	private static final Logger log = LoggerFactory.getLogger(OmlErrors.class);

	@Override
	public int getOrder() {
		// After Boot's DefaultErrorAttributes (which only records the error), before
		// MVC's
		// resolvers.
		return Ordered.HIGHEST_PRECEDENCE + 10;
	}

	@Override
	public @Nullable ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response,
			@Nullable Object handler, Exception ex) {
		if (!OmlPaths.isOmniLeads(request)) {
			return null;
		}
		if (DisconnectedClientHelper.isClientDisconnectedException(ex)) {
			return new ModelAndView();
		}
		if (ex instanceof HttpRequestMethodNotSupportedException method && method.getSupportedHttpMethods() != null) {
			response.setHeader("Allow", allowed(method.getSupportedHttpMethods()));
		}
		try {
			answer(request, ex).writeTo(response);
		}
		catch (IOException writing) {
			log.debug("Could not write an OMniLeads error answer: {}", writing.toString());
		}
		return new ModelAndView();
	}

	private static OmlAnswer answer(HttpServletRequest request, Exception ex) {
		OmlLanguage language = OmlLanguage.of(request);
		return switch (ex) {
			case OmlAnswer answer -> answer;
			case NoResourceFoundException missing -> OmlAnswer.notFound(language);
			case NoHandlerFoundException missing -> OmlAnswer.notFound(language);
			// OMniLeads' routes only match digits where an id goes.
			case MethodArgumentTypeMismatchException mismatch -> OmlAnswer.notFound(language);
			case HttpRequestMethodNotSupportedException method ->
				OmlAnswer.detail(405, OmlTexts.METHOD_NOT_ALLOWED.in(language, request.getMethod()));
			case HttpMediaTypeNotSupportedException type -> OmlAnswer.detail(415,
					OmlTexts.UNSUPPORTED_MEDIA_TYPE.in(language, String.valueOf(request.getContentType())));
			case StorableText.Refused refused ->
				new OmlAnswer(400, Map.of(refused.field(), List.of(refused.nul() ? OmlTexts.NULL_CHARACTERS.in(language)
						: OmlTexts.SURROGATE_CHARACTERS.in(language, refused.code()))));
			case HttpMessageNotReadableException unreadable ->
				OmlAnswer.detail(400, "JSON parse error - " + unreadable.getMostSpecificCause().getMessage());
			case MultipartException multipart ->
				OmlAnswer.detail(400, "Multipart form parse error - " + multipart.getMostSpecificCause().getMessage());
			case AccessDeniedException denied -> OmlAnswer.denied(language);
			case AuthenticationException unauthenticated ->
				OmlAnswer.detail(403, OmlTexts.NOT_AUTHENTICATED.in(language));
			default -> unexpected(request, ex);
		};
	}

	private static OmlAnswer unexpected(HttpServletRequest request, Exception ex) {
		log.error("Unexpected error on {} {}", request.getMethod(), request.getRequestURI(), ex);
		return OmlAnswer.detail(500, "Server Error (500)");
	}

	private static String allowed(Set<HttpMethod> methods) {
		return methods.stream().map(HttpMethod::name).collect(Collectors.joining(", "));
	}

}
