#include "sim/sim_content.h"

#include <fmt/format.h>

#include <array>
#include <string_view>

#include "core/entry_types.h"
#include "core/iso_time.h"
#include "sim/sim_hash.h"

namespace gb::sim {
namespace {

enum ContentPurpose : uint64_t { kSummary = 50, kCommentLen, kSentence, kMeasure, kLong, kNull };

constexpr std::array<std::string_view, 10> kServiceSummaries = {"Accord",
                                                                "Accord et réglage",
                                                                "Entretien annuel",
                                                                "Réparation de la mécanique",
                                                                "Régulation complète",
                                                                "Harmonisation",
                                                                "Remplacement de cordes",
                                                                "Nettoyage et accord",
                                                                "Relevage du diapason",
                                                                "Visite de contrôle"};

constexpr std::array<std::string_view, 16> kSentences = {
    "Piano en bon état général.",
    "Quelques cordes rouillées dans les basses, à surveiller.",
    "Le client souhaite un rappel dans six mois.",
    "Marteaux usés, prévoir un réglage l'an prochain.",
    "Pédale forte qui grince : lubrifiée.",
    "Touche du do dièse 4 collée, réparée sur place.",
    "Déshumidificateur recommandé pour l'hiver.",
    "Chevilles un peu lâches dans l'aigu.",
    "Accès par l'escalier arrière, sonner deux fois.",
    "Instrument placé près d'une fenêtre — conseillé de le déplacer.",
    "Feutres d'étouffoirs remplacés.",
    "Le piano avait baissé depuis la dernière visite.",
    "Rendez-vous confirmé par courriel.",
    "Facture remise en main propre.",
    "Bruit parasite dans le médium : vis de table d'harmonie resserrée.",
    "Prochaine visite : accord de printemps."};

std::string Measurement(uint64_t h) {
  switch (h % 4) {
    case 0:
      return fmt::format("Humidité relative : {} %.", 25 + (h >> 8) % 41);
    case 1:
      return fmt::format("Diapason mesuré à {}.{} Hz.", 438 + (h >> 8) % 4, (h >> 16) % 2 * 5);
    case 2:
      return fmt::format("Température de la pièce : {} °C.", 16 + (h >> 8) % 11);
    default:
      return fmt::format("Température ambiante {}°F.", 60 + (h >> 8) % 19);
  }
}

std::string Summary(const SimDataset& d, uint32_t gen, uint8_t type) {
  uint64_t h = Hash(d.seed(), gen, kSummary);
  if (type == kUnknownType) return "Transcription de message vocal";
  std::string_view name = kEntryTypes[type];
  if (name.starts_with("SERVICE_ENTRY")) return std::string(kServiceSummaries[h % 10]);
  if (name == "PIANO_MEASUREMENT") return "Mesures de l'instrument";
  if (name.starts_with("APPOINTMENT"))
    return fmt::format("Rendez-vous : {}", kServiceSummaries[h % 10]);
  if (name.starts_with("INVOICE")) return fmt::format("Facture n° {}", 1000 + h % 90000);
  if (name.starts_with("ESTIMATE")) return fmt::format("Soumission n° {}", 100 + h % 9000);
  if (name.find("EMAIL") != std::string_view::npos) return "Courriel : rappel d'accord annuel";
  if (name.find("SMS") != std::string_view::npos) return "Texto : confirmation de rendez-vous";
  if (name.find("PHONE") != std::string_view::npos) return "Appel téléphonique";
  if (name.find("POST") != std::string_view::npos) return "Lettre envoyée par la poste";
  if (name == "ERROR_MESSAGE") return "Échec d'envoi du message";
  if (name.starts_with("SYSTEM")) return "Notification du système";
  return "Commentaire";
}

// A French note of varied length; null for about a fifth of the entries.
std::optional<std::string> Comment(const SimDataset& d, uint32_t gen) {
  uint64_t h = Hash(d.seed(), gen, kCommentLen);
  if (h % 100 < 20) return std::nullopt;
  int sentences = 1 + static_cast<int>((h >> 8) % 5);
  if (Hash(d.seed(), gen, kLong) % 100 < 2) sentences = 40;  // the occasional long report
  std::string text;
  for (int i = 0; i < sentences; ++i) {
    uint64_t s = Hash(d.seed(), gen * 64 + i, kSentence);
    if (!text.empty()) text += ' ';
    if (s % 5 == 0) {
      text += Measurement(Hash(d.seed(), gen * 64 + i, kMeasure));
    } else {
      text += kSentences[(s >> 8) % kSentences.size()];
    }
  }
  return text;
}

void ApplyHostile(const SimDataset& d, const EntryRef& e, Hostile kind, NodeData* n) {
  auto neighbour = [&](int64_t step) {
    int64_t p = e.base_pos - step >= 0 ? e.base_pos - step : e.base_pos + step;
    if (p < 0 || p >= d.base_size()) return *n->id;
    return d.EntryId(d.At(p, 0).gen);
  };
  switch (kind) {
    case Hostile::kHugeComment:
      n->comment = std::string(1 << 20, 'A');
      break;
    case Hostile::kQuotes:
      n->comment = "Il a dit \"accord parfait\" \\ C:\\pianos\\ 'fin'\n\tTab\r";
      break;
    case Hostile::kNul:
      n->comment = std::string("avant\0après", 12);
      break;
    case Hostile::kEmojiRtl:
      n->comment =
          "🎹🎶 Très réussi — ça sonne ! עברית العربية ‏RTL‏ 𝄞";
      n->summary = "Accordé 🎹 — Éloïse Ñúñez";
      break;
    case Hostile::kSql:
      n->comment = "'); DROP TABLE gazelle_timeline_entries; -- 1=1 OR ''=''";
      break;
    case Hostile::kLoneSurrogate:
      n->comment = "surrogate seul : \\ud800 fin";
      n->comment_is_json_escaped = true;
      break;
    case Hostile::kDupWithinPage:
      n->id = neighbour(1);
      break;
    case Hostile::kDupAcrossPage:
      n->id = neighbour(100);
      break;
    case Hostile::kUnknownType:
      n->type = "VOICEMAIL_TRANSCRIPT";
      break;
    case Hostile::kMissingId:
      n->id.reset();
      break;
    case Hostile::kMissingClient:
      n->client_id.reset();
      break;
    case Hostile::kBadDate:
      n->occurred_at = "2019-02-30T25:61:00Z";
      break;
    case Hostile::kLongSummary:
      n->summary = std::string(800, 'S');
      break;
    default:
      break;  // time-only kinds are applied to the index itself
  }
}

}  // namespace

NodeData MakeNode(const SimDataset& d, const EntryRef& e) {
  NodeData n;
  const uint32_t gen = e.gen;
  const uint8_t type = d.TypeOf(gen);
  const uint32_t client = d.ClientOf(gen);
  n.id = d.EntryId(gen);
  n.occurred_at = FormatIsoUtc(e.occurred);
  n.type =
      type == kUnknownType ? std::string("VOICEMAIL_TRANSCRIPT") : std::string(kEntryTypes[type]);
  n.summary = Summary(d, gen, type);
  n.comment = Comment(d, gen);
  n.client_id = d.ClientId(client);
  if (int piano = d.PianoOf(gen); piano >= 0) n.piano_id = d.PianoId(client, piano);
  if (int user = d.UserOf(gen); user >= 0) n.user_id = d.UserId(user);
  if (auto inv = d.InvoiceOf(gen)) n.invoice_id = d.InvoiceId(*inv);
  if (auto est = d.EstimateOf(gen)) n.estimate_id = d.EstimateId(*est);
  if (Hostile kind = d.HostileOf(gen); kind != Hostile::kNone) ApplyHostile(d, e, kind, &n);
  return n;
}

}  // namespace gb::sim
