"""Write a synthetic corpus of French and Arabic article files with realistic shapes.

python -m bench.corpus --articles 10000 --out bench/out/corpus
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

FR_WORDS = (
    "le la les un une des du de et à en pour avec sur dans par au aux que qui ne pas plus "
    "gouvernement président ministre pays ville région autorités manifestants forces sécurité "
    "accord réunion sommet économie prix énergie carburant élection parlement opposition "
    "déclaré annoncé affirmé selon rapporté indiqué souligné estimé condamné soutenu "
    "mardi mercredi jeudi vendredi samedi dimanche lundi semaine mois année hier "
    "violence crise stabilité réforme enquête tribunal police armée frontière voisin "
    "international national local officiel public privé nouveau grand important"
).split()
AR_WORDS = (
    "في من على إلى عن مع أن التي الذي هذا هذه بين بعد قبل خلال حول "
    "الحكومة الرئيس الوزير البلاد المدينة المنطقة السلطات المتظاهرين قوات الأمن "
    "اتفاق اجتماع قمة الاقتصاد الأسعار الطاقة الوقود الانتخابات البرلمان المعارضة "
    "قال أعلن أكد ذكر أشار أوضح أضاف نفى دعا "
    "الثلاثاء الأربعاء الخميس الجمعة السبت الأحد الاثنين الأسبوع الشهر العام أمس "
    "العنف الأزمة الاستقرار الإصلاح التحقيق المحكمة الشرطة الجيش الحدود الدولي الوطني"
).split()
FURNITURE = {
    "fr": ["Partager sur Facebook", "Lire aussi : {title}", "Article suivant{title}", "Suivez-nous sur Twitter", "{n} commentaires", "Publié le {d:02d}/0{m}/2023 à 10h{d:02d}", "Crédit photo : AFP"],
    "ar": ["شارك على فيسبوك", "اقرأ أيضا: {title}", "المقال التالي {title}", "تابعونا على تويتر", "{n} تعليقات", "نشر في {d}/{m}/2023", "(صورة: أرشيف)"],
}


def sentence(rng: random.Random, words: list[str], lo: int = 8, hi: int = 28) -> str:
    text = " ".join(rng.choice(words) for _ in range(rng.randint(lo, hi)))
    if rng.random() < 0.3:
        text += f" {rng.randint(2, 5000)}"
    return text[0].upper() + text[1:] + "."


def article(rng: random.Random, language: str) -> str:
    words = FR_WORDS if language == "fr" else AR_WORDS
    title = sentence(rng, words, 6, 12).rstrip(".")
    lines = [title]
    furniture = FURNITURE[language]
    for _ in range(rng.randint(6, 25)):
        if rng.random() < 0.12:
            lines.append(rng.choice(furniture).format(title=sentence(rng, words, 4, 8), n=rng.randint(0, 300), d=rng.randint(1, 28), m=rng.randint(1, 9)))
        lines.append(" ".join(sentence(rng, words) for _ in range(rng.randint(1, 5))))
    return "\n\n".join(lines) + "\n"


def write_corpus(out: Path, articles: int, seed: int = 7) -> None:
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    for i in range(articles):
        language = "ar" if i % 3 == 2 else "fr"
        (out / f"synthetic_{i:05d}_{language}.txt").write_text(article(rng, language), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--out", type=Path, default=Path("bench/out/corpus"))
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    write_corpus(args.out, args.articles, args.seed)
    print(f"wrote {args.articles} articles to {args.out}")


if __name__ == "__main__":
    main()
