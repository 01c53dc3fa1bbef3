"""The sentences of generated news stories in French, English and Arabic: one template per fact and
language, with slots for the event's invented places and people and its figures. Written for
this project (bench.corpus); the wording follows the benchmark articles of tests/corpus."""

from __future__ import annotations

# name, fr name with its preposition, ar name, nationality adjectives (fr masculine, en, ar feminine)
COUNTRIES = [
    ("Tunisia", "en Tunisie", "تونس", "tunisien", "Tunisian", "التونسية"),
    ("Morocco", "au Maroc", "المغرب", "marocain", "Moroccan", "المغربية"),
    ("Jordan", "en Jordanie", "الأردن", "jordanien", "Jordanian", "الأردنية"),
    ("Lebanon", "au Liban", "لبنان", "libanais", "Lebanese", "اللبنانية"),
    ("Senegal", "au Sénégal", "السنغال", "sénégalais", "Senegalese", "السنغالية"),
    ("Egypt", "en Égypte", "مصر", "égyptien", "Egyptian", "المصرية"),
    ("Algeria", "en Algérie", "الجزائر", "algérien", "Algerian", "الجزائرية"),
    ("Iraq", "en Irak", "العراق", "irakien", "Iraqi", "العراقية"),
    ("Mauritania", "en Mauritanie", "موريتانيا", "mauritanien", "Mauritanian", "الموريتانية"),
    ("Chad", "au Tchad", "تشاد", "tchadien", "Chadian", "التشادية"),
    ("Niger", "au Niger", "النيجر", "nigérien", "Nigerien", "النيجرية"),
    ("Mali", "au Mali", "مالي", "malien", "Malian", "المالية"),
]
# Syllables in Latin and Arabic letters: invented names read the same in both scripts.
SYLLABLES = [("ka", "كا"), ("ra", "را"), ("mi", "مي"), ("lo", "لو"), ("sa", "سا"), ("di", "دي"), ("na", "نا"),
             ("bu", "بو"), ("ta", "تا"), ("fi", "في"), ("zu", "زو"), ("ho", "هو"), ("ri", "ري"), ("mo", "مو"),
             ("la", "لا"), ("ni", "ني"), ("du", "دو"), ("ba", "با"), ("ki", "كي"), ("su", "سو")]
FIRST_NAMES = [("Samir", "سمير"), ("Karim", "كريم"), ("Nadia", "نادية"), ("Youssef", "يوسف"), ("Leila", "ليلى"),
               ("Omar", "عمر"), ("Rania", "رانيا"), ("Hichem", "هشام"), ("Salma", "سلمى"), ("Tarek", "طارق")]
WEEKDAYS = {"fr": ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"],
            "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
            "ar": ["الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"]}
MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December"]

# Facts per kind of event: the lead first, then the others in any order. Slots: {city} {country}
# {adj} {minister} {governor} {resident} {leader} {day} and the figures of the article.
FACTS = {
    "flood": {
        "lead": {
            "fr": "Des inondations ont fait au moins {killed} morts à {city}, {country}, a annoncé {day} le ministère {adj} de l'Intérieur.",
            "en": "Floods killed at least {killed} people in {city}, {country}, the {adj} interior ministry said on {day}.",
            "ar": "أعلنت وزارة الداخلية {adj} يوم {day} أن الفيضانات أودت بحياة {killed} شخصا على الأقل في مدينة {city} في {country}."},
        "ngo": {
            "fr": "Selon le Croissant-Rouge, le bilan s'élève à {killed_ngo} morts et {missing} disparus.",
            "en": "According to the Red Crescent, the death toll stands at {killed_ngo}, with {missing} people missing.",
            "ar": "وبحسب الهلال الأحمر، بلغت الحصيلة {killed_ngo} قتيلا و{missing} مفقودا."},
        "minister": {
            "fr": "« Toutes les équipes de secours sont mobilisées », a déclaré le ministre de l'Intérieur {minister}.",
            "en": "\"All rescue teams have been mobilised,\" Interior Minister {minister} said.",
            "ar": "وقال وزير الداخلية {minister} إن «جميع فرق الإنقاذ معبأة»."},
        "evacuated": {
            "fr": "Plus de {evacuated} personnes ont été évacuées, selon la protection civile.",
            "en": "More than {evacuated} people have been evacuated, civil protection said.",
            "ar": "وأفادت الحماية المدنية بإجلاء أكثر من {evacuated} شخص."},
        "resident": {
            "fr": "« L'eau est montée en quelques minutes », raconte {resident}, un habitant de {city}.",
            "en": "\"The water rose in minutes,\" said {resident}, a resident of {city}.",
            "ar": "وقال {resident}، أحد سكان {city}: «ارتفعت المياه في دقائق»."},
        "demand": {
            "fr": "Le député d'opposition {leader} a réclamé la démission du gouverneur {governor}, accusé d'avoir ignoré les alertes. Le gouverneur {governor} a rejeté cette demande.",
            "en": "Opposition lawmaker {leader} called for the resignation of governor {governor}, accusing him of ignoring warnings. Governor {governor} rejected the request.",
            "ar": "وطالب النائب المعارض {leader} باستقالة المحافظ {governor}، متهما إياه بتجاهل التحذيرات. ورفض المحافظ {governor} هذا الطلب."},
        "aid": {
            "fr": "Le gouvernement a débloqué une aide d'urgence et promis de reconstruire les routes détruites.",
            "en": "The government released emergency aid and promised to rebuild the destroyed roads.",
            "ar": "وأعلنت الحكومة عن مساعدات عاجلة ووعدت بإعادة بناء الطرق المدمرة."},
    },
    "protest": {
        "lead": {
            "fr": "Des milliers de personnes ont manifesté {day} à {city}, {country}, contre la hausse des prix du carburant.",
            "en": "Thousands of people marched in {city}, {country}, on {day} against a rise in fuel prices.",
            "ar": "تظاهر آلاف الأشخاص يوم {day} في مدينة {city} في {country} احتجاجا على رفع أسعار الوقود."},
        "organisers": {
            "fr": "Selon les organisateurs, {protesters_org} manifestants ont défilé dans le centre-ville.",
            "en": "Organisers said {protesters_org} protesters took part in the march.",
            "ar": "وقال المنظمون إن {protesters_org} متظاهر شاركوا في المسيرة."},
        "police": {
            "fr": "La police a compté {protesters_police} manifestants.",
            "en": "Police put the number of protesters at {protesters_police}.",
            "ar": "وقدرت الشرطة عدد المتظاهرين بنحو {protesters_police} متظاهر."},
        "arrested": {
            "fr": "Au total, {arrested} personnes ont été interpellées, a indiqué le ministère {adj} de l'Intérieur.",
            "en": "The {adj} interior ministry said {arrested} people were arrested.",
            "ar": "وأعلنت وزارة الداخلية {adj} اعتقال {arrested} شخصا."},
        "leader": {
            "fr": "« Nous ne reculerons pas », a lancé {leader}, secrétaire général du syndicat des transports de {city}.",
            "en": "\"We will not back down,\" said {leader}, head of the transport workers' union in {city}.",
            "ar": "وقال {leader}، الأمين العام لنقابة النقل في {city}: «لن نتراجع»."},
        "minister": {
            "fr": "Le ministre de l'Intérieur {minister} a dénoncé des émeutes et appelé au calme.",
            "en": "Interior Minister {minister} denounced the riots and called for calm.",
            "ar": "وندد وزير الداخلية {minister} بأعمال الشغب ودعا إلى الهدوء."},
        "peaceful": {
            "fr": "Les organisateurs ont salué une marche pacifique, sans incident majeur.",
            "en": "Organisers hailed a peaceful march with no major incident.",
            "ar": "وأشاد المنظمون بمسيرة سلمية دون حوادث تذكر."},
        "injured": {
            "fr": "Selon les secouristes, {injured} personnes ont été blessées.",
            "en": "Medics said {injured} people were injured.",
            "ar": "وقال المسعفون إن {injured} أشخاص أصيبوا."},
    },
}
TITLES = {
    "flood": {"fr": "Inondations à {city} : au moins {killed} morts", "en": "Floods in {city} kill at least {killed}",
              "ar": "فيضانات {city}: {killed} قتيلا على الأقل"},
    "protest": {"fr": "{city} : des milliers de manifestants contre la vie chère",
                "en": "Thousands protest fuel prices in {city}", "ar": "آلاف المتظاهرين في {city} ضد غلاء الوقود"},
}
# Page furniture around the body; {title} is another headline, {stamp} the publication date.
FURNITURE = {
    "fr": ["Partager sur Facebook", "Lire aussi : {title}", "Suivez-nous sur Twitter", "{n} commentaires", "Crédit photo : AFP"],
    "en": ["Share this article", "Read more: {title}", "Follow us on Twitter", "{n} comments", "Photo: Reuters"],
    "ar": ["شارك على فيسبوك", "اقرأ أيضا: {title}", "تابعونا على تويتر", "{n} تعليقات", "(صورة: أرشيف)"],
}
STAMPS = {"fr": "Publié le {d:02d}/{m:02d}/{y} à 10h{d:02d}", "en": "Published {month} {d}, {y}",
          "ar": "نشر في {d}/{m}/{y}"}
# Background any article may add, so that two articles of one event are not taken for versions.
BACKGROUND = {
    "fr": ["La région avait déjà été touchée par des événements semblables il y a deux ans.",
           "Les écoles de la ville resteront fermées jusqu'à nouvel ordre.",
           "Le Premier ministre doit se rendre sur place dans les prochains jours.",
           "Des associations locales ont lancé des appels aux dons sur les réseaux sociaux.",
           "Les routes menant à la ville restent coupées par endroits, selon des habitants.",
           "L'opposition accuse le gouvernement d'avoir tardé à réagir."],
    "en": ["The region was hit by similar events two years ago.",
           "Schools in the town will stay closed until further notice.",
           "The prime minister is expected to visit the area in the coming days.",
           "Local charities have launched appeals for donations on social media.",
           "Roads leading to the town remain cut in places, residents said.",
           "The opposition accuses the government of reacting too slowly."],
    "ar": ["وكانت المنطقة قد شهدت أحداثا مماثلة قبل عامين.",
           "وستبقى مدارس المدينة مغلقة حتى إشعار آخر.",
           "ومن المتوقع أن يزور رئيس الوزراء المنطقة في الأيام المقبلة.",
           "وأطلقت جمعيات محلية نداءات للتبرع عبر مواقع التواصل الاجتماعي.",
           "ولا تزال الطرق المؤدية إلى المدينة مقطوعة في بعض الأماكن، بحسب السكان.",
           "وتتهم المعارضة الحكومة بالتأخر في التحرك."],
}
