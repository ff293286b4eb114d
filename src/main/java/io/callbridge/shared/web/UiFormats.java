package io.callbridge.shared.web;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

import io.callbridge.shared.Problems.FieldError;
import io.callbridge.shared.Text;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Formatting helpers for the page templates, available there as {@code @fmt}: durations,
 * times in the tenant's zone, and which form fields have errors.
 */
@Component("fmt")
public class UiFormats {

	private final MessageSource messages;

	UiFormats(MessageSource messages) {
		this.messages = messages;
	}

	private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

	private static final DateTimeFormatter DATE_TIME_SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd");

	/**
	 * Seconds as {@code m:ss} (or {@code h:mm:ss} from one hour); a dash when unknown.
	 */
	public String duration(@Nullable Integer seconds) {
		if (seconds == null) {
			return "—";
		}
		int hours = seconds / 3600;
		int minutes = (seconds % 3600) / 60;
		int rest = seconds % 60;
		return (hours > 0) ? String.format("%d:%02d:%02d", hours, minutes, rest)
				: String.format("%d:%02d", minutes, rest);
	}

	/** A time to the minute in the given zone; empty when unknown. */
	public String dateTime(@Nullable Instant instant, ZoneId zone) {
		return (instant != null) ? DATE_TIME.format(instant.atZone(zone)) : "";
	}

	/** A time to the second in the given zone; empty when unknown. */
	public String dateTimeSeconds(@Nullable Instant instant, ZoneId zone) {
		return (instant != null) ? DATE_TIME_SECONDS.format(instant.atZone(zone)) : "";
	}

	/** The day in the given zone; empty when unknown. */
	public String date(@Nullable Instant instant, ZoneId zone) {
		return (instant != null) ? DATE.format(instant.atZone(zone)) : "";
	}

	/**
	 * Whether any of the errors concerns the field (or a sub-field such as
	 * {@code credentials.key}).
	 */
	public boolean hasError(@Nullable List<FieldError> errors, String field) {
		return errors != null
				&& errors.stream().anyMatch((e) -> e.field().equals(field) || e.field().startsWith(field + "."));
	}

	/** The messages of the errors concerning the field. */
	public List<String> errorsOf(@Nullable List<FieldError> errors, String field) {
		return (errors != null) ? errors.stream()
			.filter((e) -> e.field().equals(field) || e.field().startsWith(field + "."))
			.map(this::text)
			.toList() : List.of();
	}

	/** A field error's message in the reader's language. */
	public String text(FieldError error) {
		return text(error.text());
	}

	/** A server text in the reader's language. */
	public String text(@Nullable Text text) {
		return (text != null) ? text.in(this.messages, LocaleContextHolder.getLocale()) : "";
	}

	/**
	 * The current page's address with another page number, keeping every other parameter.
	 */
	public String pageUrl(int page) {
		HttpServletRequest request = currentRequest();
		return UriComponentsBuilder.fromUriString(request.getRequestURI())
			.query(request.getQueryString())
			.replaceQueryParam("page", page)
			.build()
			.toUriString();
	}

	/**
	 * The current page's address with a parameter set (or removed when the value is
	 * {@code null}), back on the first page; e.g. a filter chosen or cleared.
	 */
	public String withParam(String name, @Nullable Object value) {
		HttpServletRequest request = currentRequest();
		UriComponentsBuilder uri = UriComponentsBuilder.fromUriString(request.getRequestURI())
			.query(request.getQueryString())
			.replaceQueryParam("page");
		return ((value != null) ? uri.replaceQueryParam(name, value) : uri.replaceQueryParam(name)).build()
			.toUriString();
	}

	/**
	 * Another path of this application with the current page's parameters (except
	 * paging), e.g. the CSV export of the filtered list.
	 */
	public String withCurrentQuery(String path) {
		HttpServletRequest request = currentRequest();
		return UriComponentsBuilder.fromUriString(request.getContextPath() + path)
			.query(request.getQueryString())
			.replaceQueryParam("page")
			.replaceQueryParam("size")
			.replaceQueryParam("lang")
			.build()
			.toUriString();
	}

	private static HttpServletRequest currentRequest() {
		return ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes()).getRequest();
	}

}
