package io.callbridge.crm.push;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;

import io.callbridge.crm.CrmCheck;
import io.callbridge.crm.CrmConnection;
import io.callbridge.crm.CrmConnector;
import io.callbridge.crm.CrmDeliveryResult;
import io.callbridge.crm.CrmField;
import io.callbridge.crm.CrmLookup;
import io.callbridge.crm.CrmPush;
import io.callbridge.crm.CrmRegistration;
import io.callbridge.crm.CrmRegistrationResult;
import io.callbridge.crm.CrmSecrets;
import io.callbridge.shared.AgentStatus;
import io.callbridge.shared.Text;

/**
 * A connector that keeps every push it is given, per connection, and answers what a test
 * scripted for the connection (by default: taken, status 200).
 */
public class ScriptedCrmConnector implements CrmConnector {

	/** Its key. */
	public static final String KEY = "scripted";

	private final Map<Long, List<CrmPush>> pushes = new ConcurrentHashMap<>();

	private final Map<Long, Deque<CrmDeliveryResult>> script = new ConcurrentHashMap<>();

	/** The answer to a push the test did not script. */
	public static CrmDeliveryResult.Delivered taken() {
		return new CrmDeliveryResult.Delivered(200, "{\"success\":true}", List.of(), List.of(), false);
	}

	/** Scripts the answers to the connection's next pushes. */
	public void answer(long connectionId, CrmDeliveryResult... answers) {
		this.script.computeIfAbsent(connectionId, (k) -> new ConcurrentLinkedDeque<>()).addAll(List.of(answers));
	}

	/** What the connection was sent, in order. */
	public List<CrmPush> pushes(long connectionId) {
		return new ArrayList<>(this.pushes.getOrDefault(connectionId, List.of()));
	}

	/** The uploads the connection was sent, in order. */
	public List<CrmPush.CallUpload> uploads(long connectionId) {
		return pushes(connectionId).stream()
			.filter(CrmPush.CallUpload.class::isInstance)
			.map(CrmPush.CallUpload.class::cast)
			.toList();
	}

	@Override
	public CrmDeliveryResult deliver(CrmConnection connection, CrmSecrets secrets, CrmPush push) {
		this.pushes.computeIfAbsent(connection.id(), (k) -> new CopyOnWriteArrayList<>()).add(push);
		CrmDeliveryResult scripted = this.script.getOrDefault(connection.id(), new ConcurrentLinkedDeque<>())
			.pollFirst();
		return (scripted != null) ? scripted : taken();
	}

	@Override
	public String key() {
		return KEY;
	}

	@Override
	public String displayName() {
		return "Scripted CRM";
	}

	@Override
	public List<CrmField> fields() {
		return List.of();
	}

	@Override
	public CrmCheck check(CrmConnection connection, CrmSecrets secrets) {
		return new CrmCheck.Passed(Text.literal("scripted"));
	}

	@Override
	public CrmRegistrationResult register(CrmConnection connection, CrmSecrets secrets, CrmRegistration registration) {
		return new CrmRegistrationResult.Registered(200, "{}", List.of());
	}

	@Override
	public CrmLookup responsibleFor(CrmConnection connection, CrmSecrets secrets, String e164, Duration budget) {
		return new CrmLookup.NotFound();
	}

	@Override
	public Optional<AgentStatus> statusOf(String crmStatus) {
		return Optional.empty();
	}

}
