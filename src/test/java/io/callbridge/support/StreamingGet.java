package io.callbridge.support;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An HTTP/1.1 {@code GET} whose response body is read as lines, over a plain socket read
 * by the caller's thread: a long-lived stream such as the console's SSE costs a blocked
 * (virtual) thread and a buffer, not an {@link java.net.http.HttpClient} with its
 * selector thread and reactive body pipeline per connection. The benchmarks hold hundreds
 * of such streams in the server's JVM, where the client's CPU competes with the server's;
 * tests of the console read through it too, so it is checked by them. Chunked and
 * unframed bodies are decoded; nothing else of HTTP is (no redirects, no compression, no
 * TLS).
 */
final class StreamingGet implements AutoCloseable {

	private final Socket socket;

	private final int status;

	private final HttpHeaders headers;

	private final BufferedReader body;

	private StreamingGet(Socket socket, int status, HttpHeaders headers, BufferedReader body) {
		this.socket = socket;
		this.status = status;
		this.headers = headers;
		this.body = body;
	}

	/**
	 * Sends the request and reads the response's status and headers (waiting at most
	 * {@code timeout} for them); the body is then read without a timeout.
	 */
	static StreamingGet open(URI uri, Map<String, String> requestHeaders, Duration timeout) throws IOException {
		Socket socket = new Socket();
		try {
			socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), (int) timeout.toMillis());
			socket.setTcpNoDelay(true);
			socket.setSoTimeout((int) timeout.toMillis());
			socket.getOutputStream().write(request(uri, requestHeaders).getBytes(StandardCharsets.ISO_8859_1));
			socket.getOutputStream().flush();
			InputStream in = new BufferedInputStream(socket.getInputStream());
			int status = status(readLine(in));
			Map<String, List<String>> fields = new LinkedHashMap<>();
			for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
				int colon = line.indexOf(':');
				if (colon > 0) {
					fields.computeIfAbsent(line.substring(0, colon).strip(), (name) -> new ArrayList<>())
						.add(line.substring(colon + 1).strip());
				}
			}
			HttpHeaders headers = HttpHeaders.of(fields, (name, value) -> true);
			socket.setSoTimeout(0);
			boolean chunked = headers.firstValue("Transfer-Encoding")
				.map((value) -> value.toLowerCase(Locale.ROOT).contains("chunked"))
				.orElse(false);
			InputStream content = chunked ? new ChunkedBody(in) : in;
			return new StreamingGet(socket, status, headers,
					new BufferedReader(new InputStreamReader(content, StandardCharsets.UTF_8)));
		}
		catch (IOException | RuntimeException ex) {
			socket.close();
			throw ex;
		}
	}

	int status() {
		return this.status;
	}

	HttpHeaders headers() {
		return this.headers;
	}

	/** The body's next line (CR, LF or CRLF ended), or null at its end. */
	String readLine() throws IOException {
		return this.body.readLine();
	}

	/**
	 * Closes the connection; a thread blocked in {@link #readLine()} gets an exception.
	 */
	@Override
	public void close() throws IOException {
		this.socket.close();
	}

	private static String request(URI uri, Map<String, String> requestHeaders) {
		StringBuilder request = new StringBuilder("GET ").append(uri.getRawPath())
			.append((uri.getRawQuery() != null) ? "?" + uri.getRawQuery() : "")
			.append(" HTTP/1.1\r\nHost: ")
			.append(uri.getHost())
			.append(':')
			.append(uri.getPort())
			.append("\r\n");
		requestHeaders.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
		return request.append("\r\n").toString();
	}

	private static int status(String statusLine) throws IOException {
		String[] parts = statusLine.split(" ", 3);
		if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
			throw new IOException("Not an HTTP status line: " + statusLine);
		}
		return Integer.parseInt(parts[1]);
	}

	// A header or chunk-size line: ISO-8859-1 up to LF, without the CR.
	private static String readLine(InputStream in) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream(64);
		for (int b = in.read(); b != '\n'; b = in.read()) {
			if (b < 0) {
				throw new EOFException("The connection ended inside the response's head");
			}
			line.write(b);
		}
		String text = line.toString(StandardCharsets.ISO_8859_1);
		return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
	}

	/**
	 * A chunked body (RFC 9112, section 7.1) as the bytes of its chunks; ends at the last
	 * chunk, its trailer read.
	 */
	static final class ChunkedBody extends InputStream {

		private final InputStream in;

		private long remaining;

		private boolean started;

		private boolean ended;

		ChunkedBody(InputStream in) {
			this.in = in;
		}

		@Override
		public int read() throws IOException {
			byte[] one = new byte[1];
			return (read(one, 0, 1) < 0) ? -1 : (one[0] & 0xff);
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			if (length == 0) {
				return 0;
			}
			if (this.remaining == 0 && !nextChunk()) {
				return -1;
			}
			int read = this.in.read(buffer, offset, (int) Math.min(length, this.remaining));
			if (read < 0) {
				throw new EOFException("The connection ended inside a chunk");
			}
			this.remaining -= read;
			return read;
		}

		@Override
		public int available() throws IOException {
			return (this.remaining == 0) ? 0 : (int) Math.min(this.remaining, this.in.available());
		}

		// Reads the next chunk's size line (after the previous chunk's CRLF); false at
		// the
		// last chunk.
		private boolean nextChunk() throws IOException {
			if (this.ended) {
				return false;
			}
			if (this.started) {
				readLine(this.in);
			}
			this.started = true;
			String sizeLine = readLine(this.in);
			int extension = sizeLine.indexOf(';');
			String size = ((extension < 0) ? sizeLine : sizeLine.substring(0, extension)).strip();
			this.remaining = Long.parseLong(size, 16);
			if (this.remaining == 0) {
				while (!readLine(this.in).isEmpty()) {
					// The trailer's fields are not needed.
				}
				this.ended = true;
				return false;
			}
			return true;
		}

	}

}
