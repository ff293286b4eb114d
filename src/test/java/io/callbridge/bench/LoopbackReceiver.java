package io.callbridge.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpServer;

/**
 * An HTTP receiver on loopback that answers every request 204: the endpoint of outbound
 * webhooks a benchmark subscribes only so that each call fact leaves a row it can count,
 * without failing deliveries being retried during the measurement.
 */
final class LoopbackReceiver implements AutoCloseable {

	private final HttpServer server;

	LoopbackReceiver() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		this.server.createContext("/", (exchange) -> {
			try (exchange) {
				exchange.getRequestBody().readAllBytes();
				exchange.sendResponseHeaders(204, -1);
			}
		});
		this.server.start();
	}

	String url(String path) {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + path;
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
