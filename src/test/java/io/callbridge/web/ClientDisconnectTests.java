package io.callbridge.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.callbridge.shared.Role;
import io.callbridge.support.IntegrationTest;
import io.callbridge.support.Logged;
import io.callbridge.support.TestData;
import io.callbridge.support.TestData.TestUser;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Controller;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.support.ServletRequestHandledEvent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client that closes the connection in the middle of a large download — an API client
 * or a browser giving up on an export — is not a server error: the write that fails is
 * logged at DEBUG, with no ERROR and no stack trace, and nothing more is written. Over a
 * real socket, closed with a reset while the server is still writing.
 */
@IntegrationTest
// The test hears a request's end from the event the product no longer publishes.
@TestPropertySource(properties = "spring.mvc.publish-request-handled-events=true")
class ClientDisconnectTests {

	private static final int DOWNLOAD_BYTES = 64 * 1024 * 1024;

	@LocalServerPort
	int port;

	@Autowired
	TestData data;

	@Autowired
	Downloads downloads;

	private final ListAppender<ILoggingEvent> log = new ListAppender<>();

	@BeforeEach
	void watchTheLog() {
		this.log.start();
		root().addAppender(this.log);
	}

	@AfterEach
	void stopWatching() {
		root().detachAppender(this.log);
	}

	@Test
	void apiClientClosingALargeDownloadLogsNoError() throws Exception {
		abort("/api/v1/test-downloads/api");
	}

	@Test
	void browserClosingALargeDownloadLogsNoError() throws Exception {
		abort("/api/v1/test-downloads/page");
	}

	private void abort(String path) throws Exception {
		TestUser user = this.data.anyUser(this.data.anyTenant(), Role.ADMIN);
		CountDownLatch handled = this.downloads.expect(path);
		try (Socket socket = new Socket("localhost", this.port)) {
			socket.setSoTimeout(30_000);
			OutputStream out = socket.getOutputStream();
			out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + user.token()
					+ "\r\nConnection: close\r\n\r\n")
				.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			InputStream in = socket.getInputStream();
			byte[] head = in.readNBytes(12);
			assertThat(new String(head, StandardCharsets.ISO_8859_1)).isEqualTo("HTTP/1.1 200");
			// Close with a reset, as a browser tab or a killed client does.
			socket.setSoLinger(true, 0);
		}

		assertThat(handled.await(30, TimeUnit.SECONDS)).as("request finished").isTrue();
		assertThat(this.downloads.failures.get(path)).as("the server's write failed").isNotNull();
		List<String> errors = Logged.events(this.log)
			.stream()
			.filter((event) -> event.getLevel().isGreaterOrEqual(Level.ERROR))
			.map((event) -> event.getLoggerName() + ": " + event.getFormattedMessage())
			.toList();
		assertThat(errors).as("errors logged").isEmpty();
	}

	private static Logger root() {
		return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
	}

	/** Large downloads written to the response's stream, as an API and as a page. */
	@TestConfiguration(proxyBeanMethods = false)
	static class Downloads {

		final Map<String, IOException> failures = new ConcurrentHashMap<>();

		private final Map<String, CountDownLatch> finished = new ConcurrentHashMap<>();

		CountDownLatch expect(String path) {
			this.failures.remove(path);
			CountDownLatch latch = new CountDownLatch(1);
			this.finished.put(path, latch);
			return latch;
		}

		// Published by the DispatcherServlet once the request, its exception handling
		// included, is done.
		@Bean
		ApplicationListener<ServletRequestHandledEvent> downloadFinished() {
			return (event) -> {
				CountDownLatch latch = this.finished.get(event.getRequestUrl());
				if (latch != null) {
					latch.countDown();
				}
			};
		}

		@Bean
		ApiDownload apiDownload() {
			return new ApiDownload(this);
		}

		@Bean
		PageDownload pageDownload() {
			return new PageDownload(this);
		}

		void write(String path, HttpServletResponse response) throws IOException {
			response.setContentType("text/csv");
			byte[] row = new byte[8192];
			Arrays.fill(row, (byte) 'x');
			try {
				OutputStream out = response.getOutputStream();
				for (int written = 0; written < DOWNLOAD_BYTES; written += row.length) {
					out.write(row);
					out.flush();
				}
			}
			catch (IOException ex) {
				this.failures.put(path, ex);
				throw ex;
			}
		}

	}

	@RestController
	static class ApiDownload {

		private final Downloads downloads;

		ApiDownload(Downloads downloads) {
			this.downloads = downloads;
		}

		@GetMapping("/api/v1/test-downloads/api")
		void download(HttpServletResponse response) throws IOException {
			this.downloads.write("/api/v1/test-downloads/api", response);
		}

	}

	@Controller
	static class PageDownload {

		private final Downloads downloads;

		PageDownload(Downloads downloads) {
			this.downloads = downloads;
		}

		@GetMapping("/api/v1/test-downloads/page")
		void download(HttpServletResponse response) throws IOException {
			this.downloads.write("/api/v1/test-downloads/page", response);
		}

	}

}
