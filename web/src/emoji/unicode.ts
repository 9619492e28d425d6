// A compact built-in list of Unicode emoji for the picker, with English and Japanese
// search keywords. Deliberately small: the common reactions, not the whole standard.
export interface UnicodeEmoji {
  char: string;
  /** Space-separated keywords, English then Japanese. */
  keywords: string;
}

export const UNICODE_CATEGORIES = ["smileys", "people", "animals", "food", "activities", "objects", "symbols"] as const;
export type UnicodeCategory = (typeof UNICODE_CATEGORIES)[number];

const e = (char: string, keywords: string): UnicodeEmoji => ({ char, keywords });

export const UNICODE_EMOJI: Record<UnicodeCategory, UnicodeEmoji[]> = {
  smileys: [
    e("😀", "grin smile happy にこにこ 笑顔 うれしい"),
    e("😂", "joy laugh tears 笑い 涙 爆笑"),
    e("🤣", "rofl laugh rolling 大笑い 笑い転げる"),
    e("😊", "blush smile happy 照れ にっこり"),
    e("😍", "love heart eyes 大好き ハート目"),
    e("🥰", "love hearts adore 愛 好き"),
    e("😘", "kiss love キス 投げキス"),
    e("😎", "cool sunglasses かっこいい サングラス"),
    e("🤔", "think hmm 考える うーん"),
    e("😳", "flushed surprised 赤面 びっくり"),
    e("🥺", "pleading please うるうる お願い"),
    e("😢", "cry sad 泣く 悲しい"),
    e("😭", "sob cry 号泣 泣く"),
    e("😡", "angry mad 怒り 怒る"),
    e("😱", "scream shock 叫び 恐怖"),
    e("😴", "sleep tired 眠い 寝る"),
    e("🙃", "upside down silly 逆さ"),
    e("🤯", "mind blown exploding 衝撃"),
    e("😇", "angel innocent 天使"),
    e("🫠", "melt melting 溶ける"),
  ],
  people: [
    e("👍", "thumbs up like good いいね 良い"),
    e("👎", "thumbs down bad よくない"),
    e("👏", "clap applause 拍手"),
    e("🙏", "pray thanks please 感謝 お願い ありがとう"),
    e("🙌", "raise hands hooray 万歳 バンザイ"),
    e("💪", "muscle strong 力こぶ 筋肉 がんばる"),
    e("👀", "eyes look 目 見てる"),
    e("🤝", "handshake deal 握手"),
    e("✌️", "victory peace ピース"),
    e("👋", "wave hello bye 手を振る こんにちは"),
    e("🫡", "salute 敬礼 了解"),
    e("🤷", "shrug idk 肩をすくめる わからない"),
  ],
  animals: [
    e("🐱", "cat 猫 ねこ"),
    e("🐶", "dog 犬 いぬ"),
    e("🐰", "rabbit bunny うさぎ"),
    e("🦊", "fox きつね"),
    e("🐻", "bear くま"),
    e("🐼", "panda パンダ"),
    e("🐧", "penguin ペンギン"),
    e("🐸", "frog かえる"),
    e("🌸", "cherry blossom sakura 桜 さくら"),
    e("🌻", "sunflower ひまわり"),
  ],
  food: [
    e("🍣", "sushi 寿司 すし"),
    e("🍜", "ramen noodles ラーメン"),
    e("🍙", "onigiri rice ball おにぎり"),
    e("🍰", "cake ケーキ"),
    e("🍵", "tea green tea お茶 緑茶"),
    e("☕", "coffee コーヒー"),
    e("🍺", "beer ビール 乾杯"),
    e("🍕", "pizza ピザ"),
    e("🍎", "apple りんご"),
    e("🍩", "donut ドーナツ"),
  ],
  activities: [
    e("🎉", "party tada celebrate お祝い パーティー おめでとう"),
    e("🎊", "confetti celebrate くす玉"),
    e("🎂", "birthday cake 誕生日"),
    e("🎮", "game video game ゲーム"),
    e("⚽", "soccer football サッカー"),
    e("🎵", "music note 音楽"),
    e("🏆", "trophy win 優勝 トロフィー"),
    e("✨", "sparkles shiny キラキラ"),
  ],
  objects: [
    e("🔥", "fire hot lit 炎 火 アツい"),
    e("💯", "hundred perfect 100点 満点"),
    e("💡", "idea bulb アイデア ひらめき"),
    e("📌", "pin ピン"),
    e("📝", "memo note メモ"),
    e("💻", "laptop computer パソコン"),
    e("📷", "camera photo カメラ 写真"),
    e("🚀", "rocket launch ロケット"),
  ],
  symbols: [
    e("❤️", "heart love like ハート 好き いいね"),
    e("🧡", "orange heart オレンジ ハート"),
    e("💛", "yellow heart 黄色 ハート"),
    e("💚", "green heart 緑 ハート"),
    e("💙", "blue heart 青 ハート"),
    e("💜", "purple heart 紫 ハート"),
    e("💔", "broken heart 失恋"),
    e("⭐", "star 星"),
    e("✅", "check done ok 完了 チェック"),
    e("❌", "cross no x バツ ダメ"),
    e("❓", "question 質問 はてな"),
    e("❗", "exclamation important びっくり 重要"),
    e("💤", "zzz sleep 眠い"),
    e("🆗", "ok オーケー"),
  ],
};

/** The like reaction (posts that accept only likes show just this). */
export const LIKE = "❤️";
