package io.callbridge.crm;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.callbridge.shared.AgentStatus;
import io.callbridge.shared.Text;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * A CRM connector for tests (key {@value #KEY}): it records every check, registration,
 * push and lookup with the connection and secrets it was given, and answers as a test
 * scripted (per connection, or per number for lookups), else as a CRM that takes
 * everything. Its fields: the secret {@value #API_KEY} (required) and the settings
 * {@value #SITE} and {@value #TIME_ZONE}. Installed by importing
 * {@link FakeCrmConnector.Configuration}; tests share the bean, so they read and script
 * only their own connections.
 */
public class FakeCrmConnector implements CrmConnector {

	/** The connector's key. */
	public static final String KEY = "fake-crm";

	/** Its secret field (required). */
	public static final String API_KEY = "apiKey";

	/** A setting (optional). */
	public static final String SITE = "site";

	/** A setting (optional): the zone uploads are written in. */
	public static final String TIME_ZONE = "timeZone";

	private final List<Check> checks = new CopyOnWriteArrayList<>();

	private final List<Registration> registrations = new CopyOnWriteArrayList<>();

	private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();

	private final List<Lookup> lookups = new CopyOnWriteArrayList<>();

	private final Map<Long, CrmCheck> checkAnswers = new ConcurrentHashMap<>();

	private final Map<Long, Deque<CrmRegistrationResult>> registrationAnswers = new ConcurrentHashMap<>();

	private final Map<Long, Deque<CrmDeliveryResult>> deliveryAnswers = new ConcurrentHashMap<>();

	private final Map<String, CrmLookup> lookupAnswers = new ConcurrentHashMap<>();

	private final Map<String, Duration> lookupDelays = new ConcurrentHashMap<>();

	/**
	 * A check made.
	 *
	 * @param connection the connection checked
	 * @param secrets its credentials
	 */
	public record Check(CrmConnection connection, CrmSecrets secrets) {
	}

	/**
	 * A registration made.
	 *
	 * @param connection the connection registered
	 * @param secrets its credentials
	 * @param registration what it declared
	 */
	public record Registration(CrmConnection connection, CrmSecrets secrets, CrmRegistration registration) {
	}

	/**
	 * A push delivered.
	 *
	 * @param connection the connection
	 * @param secrets its credentials
	 * @param push the push
	 */
	public record Delivery(CrmConnection connection, CrmSecrets secrets, CrmPush push) {
	}

	/**
	 * A responsible lookup made.
	 *
	 * @param connection the connection asked
	 * @param e164 the caller's number
	 * @param budget the time it was given
	 */
	public record Lookup(CrmConnection connection, String e164, Duration budget) {
	}

	@Override
	public String key() {
		return KEY;
	}

	@Override
	public String displayName() {
		return "Fake CRM";
	}

	@Override
	public List<CrmField> fields() {
		return List.of(new CrmField(API_KEY, true, true, "crm.fake.apiKey", "crm.fake.apiKey.help"),
				new CrmField(SITE, false, false, "crm.fake.site", "crm.fake.site.help"),
				new CrmField(TIME_ZONE, false, false, "crm.fake.timeZone", "crm.fake.timeZone.help"));
	}

	@Override
	public CrmCheck check(CrmConnection connection, CrmSecrets secrets) {
		this.checks.add(new Check(connection, secrets));
		return this.checkAnswers.getOrDefault(connection.id(),
				new CrmCheck.Passed(Text.literal("The fake CRM accepted the key.")));
	}

	@Override
	public CrmRegistrationResult register(CrmConnection connection, CrmSecrets secrets, CrmRegistration registration) {
		this.registrations.add(new Registration(connection, secrets, registration));
		return next(this.registrationAnswers, connection.id(),
				new CrmRegistrationResult.Registered(200, "{\"success\":true}", List.of()));
	}

	@Override
	public CrmDeliveryResult deliver(CrmConnection connection, CrmSecrets secrets, CrmPush push) {
		this.deliveries.add(new Delivery(connection, secrets, push));
		return next(this.deliveryAnswers, connection.id(),
				new CrmDeliveryResult.Delivered(200, "{\"success\":true}", List.of(), List.of(), false));
	}

	/**
	 * Answers as scripted for the number, after the scripted delay; a delay longer than
	 * the budget ends as a real connector's would: failed once the budget is spent.
	 */
	@Override
	public CrmLookup responsibleFor(CrmConnection connection, CrmSecrets secrets, String e164, Duration budget) {
		this.lookups.add(new Lookup(connection, e164, budget));
		Duration delay = this.lookupDelays.getOrDefault(e164, Duration.ZERO);
		if (delay.isPositive()) {
			sleep((delay.compareTo(budget) > 0) ? budget : delay);
			if (delay.compareTo(budget) > 0) {
				return new CrmLookup.Failed("timed out after " + budget.toMillis() + " ms");
			}
		}
		return this.lookupAnswers.getOrDefault(e164, new CrmLookup.NotFound());
	}

	@Override
	public Optional<AgentStatus> statusOf(String crmStatus) {
		return switch (crmStatus.strip().toLowerCase(Locale.ROOT)) {
			case "free" -> Optional.of(AgentStatus.AVAILABLE);
			case "busy" -> Optional.of(AgentStatus.BUSY);
			case "break", "dinner" -> Optional.of(AgentStatus.BREAK);
			case "offline" -> Optional.of(AgentStatus.OFFLINE);
			default -> Optional.empty();
		};
	}

	/** The connection's check answers this from now on. */
	public void answerCheck(long connectionId, CrmCheck answer) {
		this.checkAnswers.put(connectionId, answer);
	}

	/** The connection's next registrations answer these in turn; the last one repeats. */
	public void answerRegistrations(long connectionId, CrmRegistrationResult... answers) {
		this.registrationAnswers.put(connectionId, new ArrayDeque<>(List.of(answers)));
	}

	/** The connection's next pushes answer these in turn; the last one repeats. */
	public void answerDeliveries(long connectionId, CrmDeliveryResult... answers) {
		this.deliveryAnswers.put(connectionId, new ArrayDeque<>(List.of(answers)));
	}

	/** Lookups of the number answer this from now on. */
	public void answerLookup(String e164, CrmLookup answer) {
		this.lookupAnswers.put(e164, answer);
	}

	/** Lookups of the number take this long (at most their budget). */
	public void delayLookup(String e164, Duration delay) {
		this.lookupDelays.put(e164, delay);
	}

	public List<Check> checks(long connectionId) {
		return this.checks.stream().filter((c) -> c.connection().id() == connectionId).toList();
	}

	public List<Registration> registrations(long connectionId) {
		return this.registrations.stream().filter((r) -> r.connection().id() == connectionId).toList();
	}

	public List<Delivery> deliveries(long connectionId) {
		return this.deliveries.stream().filter((d) -> d.connection().id() == connectionId).toList();
	}

	public List<Lookup> lookups(String e164) {
		return this.lookups.stream().filter((l) -> l.e164().equals(e164)).toList();
	}

	private static <T> T next(Map<Long, Deque<T>> answers, long connectionId, T otherwise) {
		Deque<T> scripted = answers.get(connectionId);
		if (scripted == null) {
			return otherwise;
		}
		synchronized (scripted) {
			return (scripted.size() > 1) ? scripted.poll() : (scripted.isEmpty() ? otherwise : scripted.peek());
		}
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** Adds the fake connector to a test's application. */
	@TestConfiguration(proxyBeanMethods = false)
	public static class Configuration {

		@Bean
		FakeCrmConnector fakeCrmConnector() {
			return new FakeCrmConnector();
		}

	}

}
