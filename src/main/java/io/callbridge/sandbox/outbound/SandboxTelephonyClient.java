package io.callbridge.sandbox.outbound;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.callbridge.shared.Problems;
import io.callbridge.shared.Text;
import io.callbridge.telephony.CallControl;
import io.callbridge.telephony.Credentials;
import io.callbridge.telephony.ExtensionDirectory;
import io.callbridge.telephony.HangUpResult;
import io.callbridge.telephony.OriginateRequest;
import io.callbridge.telephony.OriginateResult;
import io.callbridge.telephony.ProviderEndpoint;
import io.callbridge.sandbox.SandboxProvisioning;
import io.callbridge.telephony.SettingsSchema;
import io.callbridge.telephony.TelephonyAccount;
import io.callbridge.telephony.TelephonyProvider;
import io.callbridge.sandbox.SandboxCall;
import io.callbridge.sandbox.SandboxPbx;
import io.callbridge.sandbox.SandboxProperties;
import io.callbridge.sandbox.SandboxSettings;

import org.springframework.stereotype.Component;

/**
 * The sandbox PBX behind the provider port. Its extensions are those of the account's
 * {@code extensions} setting (e.g. {@code 100-119, 150}) and nothing else: an agent can
 * only be given one of them. Its {@code routeToResponsible} switch decides, as Zadarma's
 * does, whether a known caller goes straight to their responsible agent. Like a PBX with
 * a call-control API, it ends a call in progress on request.
 */
@Component
class SandboxTelephonyClient implements TelephonyProvider, CallControl {

	private final SandboxPbx pbx;

	private final ExtensionDirectory extensions;

	private final SandboxProperties properties;

	SandboxTelephonyClient(SandboxPbx pbx, ExtensionDirectory extensions, SandboxProperties properties) {
		this.pbx = pbx;
		this.extensions = extensions;
		this.properties = properties;
	}

	// The sandbox hangs its calls up at its maximum duration; a minute more without any
	// event means the notification was lost.
	@Override
	public Duration maxCallDuration() {
		return this.properties.maxCallDuration().plus(Duration.ofMinutes(1));
	}

	@Override
	public String key() {
		return SandboxProvisioning.PROVIDER;
	}

	@Override
	public boolean simulated() {
		return true;
	}

	@Override
	public SettingsSchema<SandboxSettings> settings() {
		return SandboxSettings.SCHEMA;
	}

	@Override
	public Optional<List<String>> definedExtensions(TelephonyAccount account) {
		return Optional.of(SandboxSettings.of(account).extensions());
	}

	@Override
	public List<String> credentialFields() {
		return List.of();
	}

	@Override
	public OriginateResult originate(TelephonyAccount account, Credentials credentials, OriginateRequest request) {
		SandboxCall call = this.pbx.originate(account.id(), request.agentExtension(), request.destination());
		return new OriginateResult.Accepted(call.id());
	}

	/**
	 * The account's extensions, each labelled with the agent on it (empty when free).
	 */
	@Override
	public HangUpResult hangUp(TelephonyAccount account, Credentials credentials, String providerCallId) {
		boolean inProgress = this.pbx.find(providerCallId)
			.filter((call) -> call.accountId() == account.id())
			.isPresent();
		if (inProgress) {
			try {
				this.pbx.hangup(providerCallId);
				return new HangUpResult.HungUp();
			}
			catch (Problems.NotFound ended) {
				// It ended on its own between the look-up and the hang-up.
			}
		}
		return new HangUpResult.NotInProgress(Text.of("sandbox.noCall", providerCallId).english());
	}

	@Override
	public List<ProviderEndpoint> listEndpoints(TelephonyAccount account, Credentials credentials) {
		Map<String, String> assigned = this.extensions.assignedExtensions(account.id());
		return definedExtensions(account).orElseThrow()
			.stream()
			.map((extension) -> new ProviderEndpoint(extension, assigned.getOrDefault(extension, "")))
			.toList();
	}

}
