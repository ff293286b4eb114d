package io.callbridge.support;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link StreamingGet} against a server written here byte by byte: what the console's
 * tests and benchmarks read is the response the server sent, however its chunks fall.
 */
class StreamingGetTest {

	@Test
	void chunksSplittingLinesAndCharactersAreReadAsTheLinesSent() throws Exception {
		byte[] body = "event:call\ndata:{\"name\":\"Peña\"}\r\n\nevent:hello\rdata:x\n\n"
			.getBytes(StandardCharsets.UTF_8);
		int enye = indexOf(body, (byte) 0xc3);
		try (ServerSocket server = new ServerSocket(0)) {
			CompletableFuture<String> request = CompletableFuture.supplyAsync(() -> serve(server, (out) -> {
				out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\n"
						+ "Cache-Control: no-store\r\nTransfer-Encoding: chunked\r\n\r\n")
					.getBytes(StandardCharsets.ISO_8859_1));
				// The ñ's two bytes in two chunks, a chunk extension, a trailer.
				chunk(out, body, 0, 8, "");
				chunk(out, body, 8, enye + 1, ";name=value");
				chunk(out, body, enye + 1, body.length, "");
				out.write("0\r\nX-Trailer: yes\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
			}));
			try (StreamingGet get = StreamingGet.open(
					URI.create("http://localhost:" + server.getLocalPort() + "/s?a=1"),
					Map.of("Cookie", "JSESSIONID=abc"), Duration.ofSeconds(10))) {
				assertThat(get.status()).isEqualTo(200);
				assertThat(get.headers().firstValue("content-type")).hasValue("text/event-stream");
				assertThat(get.headers().allValues("Cache-Control")).containsExactly("no-cache", "no-store");
				List<String> lines = new ArrayList<>();
				for (String line = get.readLine(); line != null; line = get.readLine()) {
					lines.add(line);
				}
				assertThat(lines).containsExactly("event:call", "data:{\"name\":\"Peña\"}", "", "event:hello", "data:x",
						"");
			}
			assertThat(request.get()).startsWith("GET /s?a=1 HTTP/1.1\r\n").contains("\r\nCookie: JSESSIONID=abc\r\n");
		}
	}

	@Test
	void anUnframedBodyEndsWithTheConnection() throws Exception {
		try (ServerSocket server = new ServerSocket(0)) {
			CompletableFuture.supplyAsync(() -> serve(server,
					(out) -> out.write("HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\nno\nmore"
						.getBytes(StandardCharsets.UTF_8))));
			try (StreamingGet get = StreamingGet.open(URI.create("http://localhost:" + server.getLocalPort() + "/"),
					Map.of(), Duration.ofSeconds(10))) {
				assertThat(get.status()).isEqualTo(401);
				assertThat(get.readLine()).isEqualTo("no");
				assertThat(get.readLine()).isEqualTo("more");
				assertThat(get.readLine()).isNull();
			}
		}
	}

	interface Response {

		void write(OutputStream out) throws Exception;

	}

	// Accepts one connection, reads the request's head, writes the response, closes.
	private static String serve(ServerSocket server, Response response) {
		try (Socket socket = server.accept()) {
			BufferedReader in = new BufferedReader(
					new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
			StringBuilder head = new StringBuilder();
			for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
				head.append(line).append("\r\n");
			}
			OutputStream out = socket.getOutputStream();
			response.write(out);
			out.flush();
			return head.toString();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void chunk(OutputStream out, byte[] body, int from, int to, String extension) throws Exception {
		out.write((Integer.toHexString(to - from) + extension + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
		out.write(body, from, to - from);
		out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
		out.flush();
	}

	private static int indexOf(byte[] bytes, byte value) {
		for (int i = 0; i < bytes.length; i++) {
			if (bytes[i] == value) {
				return i;
			}
		}
		throw new IllegalArgumentException("not found");
	}

}
