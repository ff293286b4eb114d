package io.callbridge.shared.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import io.callbridge.shared.StorableText;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

/**
 * Refuses a JSON request body whose text holds a character that text may not hold
 * ({@link StorableText}: U+0000, or half of a surrogate pair such as U+D800), naming the
 * field — before it reaches a service, so that PostgreSQL does not refuse it later as a
 * conflict while H2 keeps it. JSON can carry such a character only as an escape, so a
 * body without one is passed on after a scan of its bytes; only a body with one is read
 * as a tree to find the field ({@link StorableText#check}).
 */
@ControllerAdvice
class UnstorableTextInBody extends RequestBodyAdviceAdapter {

	@Override
	public boolean supports(MethodParameter parameter, Type targetType,
			Class<? extends HttpMessageConverter<?>> converterType) {
		return JacksonJsonHttpMessageConverter.class.isAssignableFrom(converterType);
	}

	@Override
	public HttpInputMessage beforeBodyRead(HttpInputMessage inputMessage, MethodParameter parameter, Type targetType,
			Class<? extends HttpMessageConverter<?>> converterType) throws IOException {
		byte[] body = inputMessage.getBody().readAllBytes();
		Charset charset = charset(inputMessage.getHeaders());
		if (mayHoldUnstorable(body, charset)) {
			refuseUnstorable(new String(body, charset));
		}
		return new Buffered(inputMessage.getHeaders(), body);
	}

	// A JSON text in UTF-8 (or ASCII) writes the escape in ASCII bytes: a backslash, 'u'
	// and the code, 0000 or D800 to DFFF. Other encodings are decoded and parsed.
	private static boolean mayHoldUnstorable(byte[] body, Charset charset) {
		if (!StandardCharsets.UTF_8.equals(charset) && !StandardCharsets.US_ASCII.equals(charset)) {
			return true;
		}
		for (int i = 0; i + 5 < body.length; i++) {
			if (body[i] == '\\' && body[i + 1] == 'u' && (nulEscape(body, i + 2) || surrogateEscape(body, i + 2))) {
				return true;
			}
		}
		return false;
	}

	private static boolean nulEscape(byte[] body, int at) {
		return body[at] == '0' && body[at + 1] == '0' && body[at + 2] == '0' && body[at + 3] == '0';
	}

	private static boolean surrogateEscape(byte[] body, int at) {
		return (body[at] == 'd' || body[at] == 'D') && "89abcdefABCDEF".indexOf(body[at + 1]) >= 0;
	}

	private static void refuseUnstorable(String json) {
		JsonNode tree;
		try {
			tree = JsonMapper.shared().readTree(json);
		}
		catch (JacksonException ex) {
			// Not JSON after all: the converter says where, as for any other body.
			return;
		}
		StorableText.check(tree);
	}

	private static Charset charset(HttpHeaders headers) {
		MediaType type = headers.getContentType();
		return (type != null && type.getCharset() != null) ? type.getCharset() : StandardCharsets.UTF_8;
	}

	/** The body, already read, for the converter to read again. */
	private static final class Buffered implements HttpInputMessage {

		private final HttpHeaders headers;

		private final byte[] body;

		Buffered(HttpHeaders headers, byte[] body) {
			this.headers = headers;
			this.body = body;
		}

		@Override
		public InputStream getBody() {
			return new ByteArrayInputStream(this.body);
		}

		@Override
		public HttpHeaders getHeaders() {
			return this.headers;
		}

	}

}
