import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseCsvRecords } from "@/lib/util/csv";
import { SHARED_DIR } from "@/tests/support/shared";
import { detectLanguage, SUPPORTED_LANGUAGES } from "./language";

// Complaints written for this test (not the evaluation sample), two per measured language.
const SENTENCES: Record<string, string[]> = {
  en: [
    "I was charged a fee for a bag that never made it onto the plane",
    "can you tell me why my flight was moved without any notice?",
  ],
  es: [
    "Llevo tres días sin mi equipaje y nadie me da una respuesta",
    "¿me pueden decir por qué cambiaron mi vuelo sin avisar?",
  ],
  pt: [
    "Estou há três dias sem a minha bagagem e ninguém me dá resposta",
    "vocês podem me dizer por que mudaram meu voo sem avisar?",
  ],
  fr: [
    "Ça fait trois jours que j'attends ma valise et personne ne me répond",
    "vous pouvez me dire pourquoi mon vol a été changé sans prévenir ?",
  ],
  de: [
    "Seit drei Tagen warte ich auf mein Gepäck und niemand antwortet mir",
    "könnt ihr mir sagen, warum mein Flug ohne Vorwarnung verlegt wurde?",
  ],
  it: [
    "Sono tre giorni che aspetto il mio bagaglio e nessuno mi risponde",
    "mi potete dire perché il mio volo è stato spostato senza avvisare?",
  ],
  nl: [
    "Ik wacht al drie dagen op mijn bagage en niemand geeft antwoord",
    "kunnen jullie me vertellen waarom mijn vlucht zonder bericht is verzet?",
  ],
  pl: [
    "Od trzech dni czekam na bagaż i nikt mi nie odpowiada",
    "możecie mi powiedzieć, dlaczego mój lot przesunięto bez uprzedzenia?",
  ],
  ru: [
    "Уже три дня жду свой багаж, и никто мне не отвечает",
    "объясните, почему мой рейс перенесли без предупреждения?",
  ],
  uk: [
    "Вже три дні чекаю на свій багаж, і ніхто мені не відповідає",
    "поясніть, чому мій рейс перенесли без попередження?",
  ],
  tr: [
    "Üç gündür bavulumu bekliyorum ve kimse cevap vermiyor",
    "uçuşumun neden haber verilmeden değiştirildiğini söyler misiniz?",
  ],
  ar: ["منذ ثلاثة أيام وأنا أنتظر حقيبتي ولا أحد يرد علي", "لماذا تم تغيير رحلتي بدون أي إشعار؟"],
  he: ["כבר שלושה ימים אני מחכה למזוודה ואף אחד לא עונה לי", "למה שיניתם לי את הטיסה בלי הודעה?"],
  hi: ["तीन दिन से अपने सामान का इंतज़ार कर रहा हूं और कोई जवाब नहीं दे रहा", "मेरी फ्लाइट बिना बताए क्यों बदल दी गई?"],
  ja: ["3日間荷物を待っているのに誰も返事をくれません", "なぜ予告なしに便が変更されたのか教えてください"],
  ko: ["3일째 짐을 기다리고 있는데 아무도 답이 없어요", "왜 예고도 없이 항공편이 바뀌었는지 알려주세요"],
  zh: ["我等行李已经三天了，没有任何人回复我", "为什么我的航班没有通知就改了？"],
  id: [
    "Sudah tiga hari saya menunggu bagasi dan tidak ada yang menjawab",
    "kenapa jadwal penerbangan saya diubah tanpa pemberitahuan?",
  ],
  sv: [
    "Jag har väntat på mitt bagage i tre dagar och ingen svarar",
    "kan ni berätta varför mitt flyg flyttades utan förvarning?",
  ],
  el: [
    "Τρεις μέρες περιμένω τις αποσκευές μου και κανείς δεν απαντά",
    "γιατί άλλαξε η πτήση μου χωρίς καμία ειδοποίηση;",
  ],
  da: [
    "Hvad sker der med min kuffert? Jeg har ikke hørt noget fra jer",
    "Tak for hjælpen, det var meget venligt af jer",
  ],
  no: [
    "Hva skjer med kofferten min? Jeg har ikke hørt noe fra dere",
    "kan dere fortelle meg hvorfor flyet mitt ble flyttet uten varsel?",
  ],
};

// Told by their writing system or its telling letters; not in the measured sample.
const BY_SCRIPT: Record<string, string> = {
  th: "รอกระเป๋ามาสามวันแล้ว ไม่มีใครตอบเลย",
  fa: "سه روز است که منتظر چمدانم هستم و هیچ کس جواب نمی‌دهد",
  ur: "تین دن سے اپنے سامان کا انتظار کر رہا ہوں اور کوئی جواب نہیں دے رہا",
  bg: "Къде е багажът ми? Чакам от три дни",
  be: "Ужо тры дні чакаю свой багаж, і ніхто мне не адказвае",
  sr: "Већ три дана чекам свој пртљаг и нико ми не одговара",
  ka: "სამი დღეა ჩემს ბარგს ველოდები და არავინ მპასუხობს",
  hy: "Երեք օր է սպասում եմ ուղեբեռիս, և ոչ ոք չի պատասխանում",
};

describe("detectLanguage", () => {
  for (const [lang, sentences] of Object.entries(SENTENCES)) {
    it(`recognises ${lang}`, () => {
      for (const sentence of sentences) expect(detectLanguage(sentence), sentence).toBe(lang);
    });
  }

  it("tells languages with their own script or letters", () => {
    for (const [lang, sentence] of Object.entries(BY_SCRIPT)) expect(detectLanguage(sentence), sentence).toBe(lang);
  });

  it("keeps its answers among the supported languages", () => {
    for (const lang of [...Object.keys(SENTENCES), ...Object.keys(BY_SCRIPT)])
      expect(SUPPORTED_LANGUAGES).toContain(lang);
  });

  it("answers null for short or languageless texts rather than guessing", () => {
    for (const text of [
      "",
      "   ",
      "ok",
      "k",
      "lol",
      "👍",
      "❤️❤️",
      "@SkyAir",
      "@SkyAir 👍",
      "https://t.co/mWpG7grEZP",
      "#fail",
      "XJ4K2P",
      "12:45",
      "AA1234 → JFK",
      "the",
      "de la",
      "thanks!",
    ]) {
      expect(detectLanguage(text), text).toBeNull();
    }
  });

  it("answers null for posts in languages it does not support, not the nearest supported one", () => {
    for (const text of [
      "Odotan yhä matkalaukkuani kolmatta päivää eikä kukaan vastaa", // Finnish
      "Fa tres dies que espero la maleta i ningú no em respon", // Catalan
      "De trei zile îmi aștept bagajul și nu îmi răspunde nimeni", // Romanian
      "Három napja várom a csomagomat és senki sem válaszol", // Hungarian
      "Tôi đã chờ hành lý ba ngày rồi mà không ai trả lời", // Vietnamese
    ]) {
      expect(detectLanguage(text), text).toBeNull();
    }
  });

  it("does not take the word of tinyld against the function words (it reads this tweet as German)", () => {
    expect(detectLanguage("@united sat at airport for 5 hrs still sitting at gate..  Sigh")).toBe("en");
  });

  it("ignores handles, links, hashtags and numbers", () => {
    expect(detectLanguage("@SkyAir @AeroSur #vuelo455 https://t.co/abc mi maleta nunca llegó 3 veces")).toBe("es");
    expect(detectLanguage("@LuftExpress Flug LH455 https://t.co/abc ist schon wieder verspätet")).toBe("de");
  });

  it("reads Japanese and Korean posts with Latin words in them by their own script", () => {
    expect(detectLanguage("Wi-Fiが全く使えなかったのにお金は取られた")).toBe("ja");
    expect(detectLanguage("DM 주실 수 있나요? 예약번호는 XJ4K2P입니다")).toBe("ko");
  });

  it("reads only the beginning of a very long post", () => {
    expect(detectLanguage("my bag never arrived and nobody will tell me why. ".repeat(20_000))).toBe("en");
  });

  it("never throws and answers a supported language or null, for any text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 200 }), (text) => {
        const lang = detectLanguage(text);
        expect(lang === null || SUPPORTED_LANGUAGES.includes(lang)).toBe(true);
      }),
      { seed: 20_260_116, numRuns: 300 },
    );
  });

  it("answers null for any mix of handles, links, hashtags, numbers and emoji", () => {
    const noise = fc.constantFrom(
      "@SkyAir",
      "@jet_blue2",
      "#fail",
      "#SkyAir2025",
      "https://t.co/mWpG7grEZP",
      "www.example.com/a?b=c",
      "455",
      "12:45",
      "100%",
      "👍",
      "✈️",
      "😡😡",
      "!!!",
      "???",
      "&amp;",
      "—",
      "ok",
    );
    fc.assert(
      fc.property(fc.array(noise, { maxLength: 8 }), (parts) => {
        expect(detectLanguage(parts.join(" "))).toBeNull();
      }),
      { seed: 16_7, numRuns: 300 },
    );
  });
});

// The evaluation sets of npm run eval:language, held to what was measured (docs/language.md).
describe("detectLanguage on the evaluation sample (tests/fixtures/language-sample.json)", () => {
  const sample = JSON.parse(
    readFileSync(path.join(__dirname, "../../tests/fixtures/language-sample.json"), "utf8"),
  ) as {
    posts: Record<string, string[]>;
    unsupported: Record<string, string[]>;
    undetermined: string[];
  };
  const posts = Object.entries(sample.posts).flatMap(([lang, texts]) => texts.map((text) => ({ lang, text })));

  it("is right on at least 93% of the posts and wrong on at most 1%, and never on short ones", () => {
    const answers = posts.map((p) => ({ ...p, got: detectLanguage(p.text) }));
    const wrong = answers.filter((a) => a.got !== null && a.got !== a.lang);
    expect(answers.filter((a) => a.got === a.lang).length / posts.length).toBeGreaterThanOrEqual(0.93);
    expect(wrong.length / posts.length).toBeLessThanOrEqual(0.01);
    expect(wrong.filter((a) => a.text.length < 40)).toEqual([]);
  });

  it("gives no language to posts in unsupported languages nor to texts without one", () => {
    const unsupported = Object.values(sample.unsupported).flat();
    expect(unsupported.map(detectLanguage).filter((lang) => lang !== null)).toEqual([]);
    expect(sample.undetermined.map(detectLanguage).filter((lang) => lang !== null)).toEqual([]);
  });
});

const TWEETS = path.join(SHARED_DIR, "data/airline/tweets-dev.csv");
if (!existsSync(TWEETS))
  console.warn(`[skip] ${TWEETS} not found: language detection on real English tweets is not checked.`);

describe.skipIf(!existsSync(TWEETS))("detectLanguage on real English tweets (../shared/data/airline)", () => {
  it("recognises at least 95% as English and takes at most 5 of 3,001 for another language", () => {
    const tweets = parseCsvRecords(readFileSync(TWEETS, "utf8"))
      .map((r) => r.record.text)
      .filter(Boolean);
    const answers = tweets.map(detectLanguage);
    expect(answers.filter((lang) => lang === "en").length / tweets.length).toBeGreaterThanOrEqual(0.95);
    expect(answers.filter((lang) => lang !== null && lang !== "en").length).toBeLessThanOrEqual(5);
  });
});
