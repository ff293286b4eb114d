package io.callbridge.telephony.sandbox.outbound;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.callbridge.shared.Problems;
import io.callbridge.telephony.CallControl;
import io.callbridge.telephony.Credentials;
import io.callbridge.telephony.ExtensionDirectory;
import io.callbridge.telephony.HangUpResult;
import io.callbridge.telephony.OriginateRequest;
import io.callbridge.telephony.OriginateResult;
import io.callbridge.telephony.ProviderEndpoint;
import io.callbridge.telephony.SandboxProvisioning;
import io.callbridge.telephony.SettingField;
import io.callbridge.telephony.TelephonyAccount;
import io.callbridge.telephony.TelephonyProvider;
import io.callbridge.telephony.sandbox.SandboxCall;
import io.callbridge.telephony.sandbox.SandboxPbx;

import org.springframework.stereotype.Component;

/**
 * The sandbox PBX behind the provider port. Its extensions are the range in the account's
 * {@code extensions} setting (e.g. {@code 100-119}) plus any extension assigned to an
 * agent. Like a PBX with a call-control API, it ends a call in progress on request.
 */
@Component
class SandboxTelephonyClient implements TelephonyProvider, CallControl {

	private final SandboxPbx pbx;

	private final ExtensionDirectory extensions;

	SandboxTelephonyClient(SandboxPbx pbx, ExtensionDirectory extensions) {
		this.pbx = pbx;
		this.extensions = extensions;
	}

	@Override
	public String key() {
		return SandboxProvisioning.PROVIDER;
	}

	@Override
	public String displayName() {
		return "Sandbox PBX (simulated)";
	}

	@Override
	public boolean simulated() {
		return true;
	}

	@Override
	public List<SettingField> settingFields() {
		return List.of(SettingField.text("extensions", "100-119"));
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
		return new HangUpResult.NotInProgress("The sandbox PBX has no call " + providerCallId + " in progress.");
	}

	@Override
	public List<ProviderEndpoint> listEndpoints(TelephonyAccount account, Credentials credentials) {
		Map<String, String> assigned = this.extensions.assignedExtensions(account.id());
		List<ProviderEndpoint> endpoints = new ArrayList<>();
		for (String extension : range(account.settings().getOrDefault("extensions", "100-119"))) {
			endpoints.add(new ProviderEndpoint(extension, assigned.getOrDefault(extension, "")));
		}
		assigned.forEach((extension, agent) -> {
			if (endpoints.stream().noneMatch((e) -> e.extension().equals(extension))) {
				endpoints.add(new ProviderEndpoint(extension, agent));
			}
		});
		return endpoints;
	}

	private static List<String> range(String spec) {
		String[] bounds = spec.split("-");
		try {
			int from = Integer.parseInt(bounds[0].strip());
			int to = (bounds.length > 1) ? Integer.parseInt(bounds[1].strip()) : from;
			List<String> result = new ArrayList<>();
			for (int i = from; i <= Math.min(to, from + 999); i++) {
				result.add(Integer.toString(i));
			}
			return result;
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(
					"The sandbox setting 'extensions' must be a range like 100-119, not '" + spec + "'");
		}
	}

}
