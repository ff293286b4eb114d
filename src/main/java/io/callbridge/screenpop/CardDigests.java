package io.callbridge.screenpop;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.ui.Model;

/**
 * What a pop-up card shows, as a short digest the card carries
 * ({@code data-card-digest}): the console leaves a card on screen as it is when a load
 * brings one with the same digest — nothing it shows changed, and replacing it would drop
 * what the agent did on it (a form's answer, a form being sent). Taken of the card's data
 * only, not of a form's typed values, errors or notices, so a form's answer carries the
 * digest of the card as stored. Given to the card's template with the card
 * ({@code cardDigest}).
 */
final class CardDigests {

	private static final Logger log = LoggerFactory.getLogger(CardDigests.class);

	private CardDigests() {
	}

	/**
	 * Puts the card and its digest in the model, as the card's template reads them.
	 * @param model the model
	 * @param card the card
	 */
	static void show(Model model, PopupCard card) {
		model.addAttribute("card", card);
		model.addAttribute("cardDigest", of(card));
	}

	/**
	 * The card's digest: the same for the same data on every node.
	 * @param card the card
	 * @return its digest; one never given before if the card cannot be written out (the
	 * console then replaces the card, as it would any changed one)
	 */
	static String of(PopupCard card) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			byte[] hash = digest.digest(JsonMapper.shared().writeValueAsBytes(card));
			return HexFormat.of().formatHex(hash, 0, 16);
		}
		catch (NoSuchAlgorithmException | RuntimeException ex) {
			log.debug("No digest for the card of call {}", card.call().id(), ex);
			return UUID.randomUUID().toString();
		}
	}

}
