package io.callbridge.shared.web;

import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.Iterator;
import java.util.regex.Pattern;

import io.callbridge.shared.Problems;
import io.callbridge.shared.Text;

import org.springframework.core.ResolvableType;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.context.request.WebRequest;

/**
 * Refuses a form's list row whose index is not a whole number below the binder's limit
 * ({@code optionRows[x].name}, {@code optionRows[].name},
 * {@code optionRows[100000].name}) before a form record is built from it: Spring's
 * constructor binding fails on such an index with an unexpected exception (found by
 * {@code FuzzBenchmark}: the campaign form answered 500), where the answer is a 400
 * naming the parameter.
 */
@ControllerAdvice
class IndexedParameters {

	private static final Pattern INDEX = Pattern.compile("\\d{1,9}");

	@InitBinder
	void bindThroughTheConstructor(WebDataBinder binder, WebRequest request) {
		ResolvableType target = binder.getTargetType();
		Class<?> type = (target != null) ? target.resolve() : null;
		if (type == null || !type.isRecord()) {
			return;
		}
		binder.setDeclarativeBinding(true);
		for (RecordComponent component : type.getRecordComponents()) {
			if (Collection.class.isAssignableFrom(component.getType()) || component.getType().isArray()) {
				refuseBadIndexes(component.getName() + "[", binder.getAutoGrowCollectionLimit(), request);
			}
		}
	}

	private static void refuseBadIndexes(String prefix, int limit, WebRequest request) {
		for (Iterator<String> names = request.getParameterNames(); names.hasNext();) {
			String name = names.next();
			if (name.startsWith(prefix) && !validIndex(name, prefix.length(), limit)) {
				String shown = ErrorResponses.shown(name);
				throw new Problems.BadRequest(shown,
						Text.of("problem.request.badIndex", shown, String.valueOf(limit - 1)));
			}
		}
	}

	private static boolean validIndex(String name, int start, int limit) {
		int end = name.indexOf(']', start);
		if (end < 0) {
			return false;
		}
		String index = name.substring(start, end);
		return INDEX.matcher(index).matches() && Integer.parseInt(index) < limit;
	}

}
