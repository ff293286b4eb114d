package io.callbridge.shared.web;

import java.lang.reflect.Type;
import java.util.Collection;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

/**
 * Refuses a request body that is itself a JSON list holding {@code null}
 * ({@code [null]}), as the strict reading of request bodies ({@link JsonInputConfig})
 * refuses one in a field's list: Jackson applies that rule to fields only, and a
 * controller given the {@code null} failed on it (found by {@code FuzzBenchmark}: a
 * campaign's agents).
 */
@ControllerAdvice
class ListBodyNulls extends RequestBodyAdviceAdapter {

	@Override
	public boolean supports(MethodParameter parameter, Type targetType,
			Class<? extends HttpMessageConverter<?>> converterType) {
		return Collection.class.isAssignableFrom(parameter.getParameterType());
	}

	@Override
	public Object afterBodyRead(Object body, HttpInputMessage inputMessage, MethodParameter parameter, Type targetType,
			Class<? extends HttpMessageConverter<?>> converterType) {
		if (body instanceof Collection<?> entries) {
			int index = 0;
			for (Object entry : entries) {
				if (entry == null) {
					throw new NullEntry("[" + index + "]");
				}
				index++;
			}
		}
		return body;
	}

	/** A list given as the request body holds {@code null} at {@link #field()}. */
	static final class NullEntry extends RuntimeException {

		private final String field;

		NullEntry(String field) {
			super("The request body's list holds null at " + field);
			this.field = field;
		}

		String field() {
			return this.field;
		}

	}

}
