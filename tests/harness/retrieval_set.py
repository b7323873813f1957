"""A retrieval set of our own: twelve facts about a made-up school, in Korean and in English (the same facts),
hidden among paragraphs of unrelated filler, each with a question that does not repeat the fact's wording.

Shared by tests/test_documents.py (the known fact is found first) and bench/documents.py (hit rates, also
Korean questions over the English document).
"""

from __future__ import annotations

import random
from dataclasses import dataclass


@dataclass(frozen=True)
class Fact:
    text: str
    marker: str  # a phrase only the fact's sentence contains
    question: str


FACTS: dict[str, tuple[Fact, ...]] = {
    "en": (
        Fact(
            "The rare-book room of the library opens only on Thursdays from 2 pm to 5 pm.",
            "rare-book",
            "When can I visit the room with the old and valuable books?",
        ),
        Fact(
            "The oldest tree on the school grounds is a ginkgo planted in 1950.",
            "ginkgo",
            "Which tree in the school garden is the oldest?",
        ),
        Fact(
            "Lost property is kept for 30 days in the box beside the gym office.",
            "Lost property",
            "Where can I find something I left behind at school?",
        ),
        Fact(
            "The robotics club meets in the basement workshop every Tuesday after lunch.",
            "robotics club",
            "On which day do the students who build robots get together?",
        ),
        Fact(
            "The vegetarian dish in the cafeteria on Fridays is mushroom curry.",
            "mushroom curry",
            "What meat-free meal is served at the end of the week?",
        ),
        Fact(
            "The solar panels on the roof produce about 48 kilowatt-hours on a sunny day.",
            "solar panels",
            "How much electricity does the school make from sunlight?",
        ),
        Fact(
            "Students who are late three times in one month must attend a Saturday study session.",
            "late three times",
            "What happens to a student who keeps arriving after the bell?",
        ),
        Fact(
            "The water of the swimming pool is kept at 27 degrees Celsius.",
            "swimming pool",
            "How warm is the water where we swim?",
        ),
        Fact(
            "The graduation ceremony will be held in the main hall on 14 February.",
            "graduation ceremony",
            "When and where do the final-year students receive their diplomas?",
        ),
        Fact(
            "Bicycles must be locked to the racks behind the science building.",
            "Bicycles must",
            "Where should I leave my bike?",
        ),
        Fact(
            "The school nurse is in room 105 and can be reached on extension 1050.",
            "school nurse",
            "Where do I go if I feel sick during class?",
        ),
        Fact(
            "The prize of the chess tournament is a brass trophy shaped like a knight.",
            "chess tournament",
            "What does the winner of the board-game competition receive?",
        ),
    ),
    "ko": (
        Fact(
            "도서관의 희귀 도서실은 목요일 오후 2시부터 5시까지만 문을 엽니다.",
            "희귀 도서실",
            "오래되고 귀한 책이 있는 방은 언제 갈 수 있나요?",
        ),
        Fact(
            "학교 안에서 가장 오래된 나무는 1950년에 심은 은행나무입니다.",
            "은행나무",
            "학교 정원에서 나이가 제일 많은 나무는 무엇인가요?",
        ),
        Fact(
            "분실물은 체육관 사무실 옆 상자에 30일 동안 보관합니다.",
            "분실물",
            "학교에 두고 온 물건은 어디에서 찾을 수 있나요?",
        ),
        Fact(
            "로봇 동아리는 매주 화요일 점심시간 뒤에 지하 작업실에서 모입니다.",
            "로봇 동아리",
            "로봇을 만드는 학생들은 무슨 요일에 모이나요?",
        ),
        Fact(
            "금요일 급식의 채식 메뉴는 버섯 카레입니다.",
            "버섯 카레",
            "주말 전날 나오는 고기 없는 식사는 무엇인가요?",
        ),
        Fact(
            "옥상의 태양광 패널은 맑은 날 약 48킬로와트시의 전기를 만듭니다.",
            "태양광 패널",
            "학교는 햇빛으로 전기를 얼마나 만드나요?",
        ),
        Fact(
            "한 달에 세 번 지각한 학생은 토요일 자습에 나와야 합니다.",
            "세 번 지각",
            "종이 친 뒤에 자꾸 오는 학생은 어떻게 되나요?",
        ),
        Fact(
            "수영장 물의 온도는 섭씨 27도로 유지합니다.",
            "수영장",
            "우리가 헤엄치는 곳의 물은 얼마나 따뜻한가요?",
        ),
        Fact(
            "졸업식은 2월 14일 대강당에서 열립니다.", "졸업식", "3학년 학생들은 언제 어디서 졸업장을 받나요?"
        ),
        Fact(
            "자전거는 과학관 뒤의 거치대에 잠가 두어야 합니다.",
            "자전거는",
            "타고 온 두발자전거는 어디에 두어야 하나요?",
        ),
        Fact(
            "보건 선생님은 105호에 계시고 내선 번호는 1050입니다.",
            "보건 선생님",
            "수업 중에 몸이 아프면 어디로 가야 하나요?",
        ),
        Fact(
            "체스 대회의 우승 상품은 기사 모양의 황동 트로피입니다.",
            "체스 대회",
            "보드게임 대회에서 이기면 무엇을 받나요?",
        ),
    ),
}

FILLER: dict[str, tuple[str, ...]] = {
    "en": (
        "Clouds form when warm, moist air rises and cools until its water vapour condenses on dust.",
        "The printing press spread across Europe in the fifteenth century and made books far cheaper.",
        "Plants use chlorophyll to capture light, turning water and carbon dioxide into sugar and oxygen.",
        "Ocean currents carry heat from the equator towards the poles and shape the climate of coasts.",
        "A volcano erupts when pressure from gas and molten rock becomes greater than the rock above it.",
        "Early computers filled whole rooms and were programmed by rewiring panels by hand.",
        "In music, an octave spans eight notes of a scale, and its top note vibrates twice as fast.",
        "The Silk Road linked traders from China to the Mediterranean for more than a thousand years.",
        "Bees communicate where flowers are by dancing in figure-of-eight patterns inside the hive.",
        "The moon's gravity pulls on the oceans and causes two high tides roughly every day.",
        "Recycling aluminium cans saves most of the energy needed to make new metal from ore.",
        "The human heart beats around one hundred thousand times a day without any conscious effort.",
        "Maps use a scale so that a few centimetres on paper can stand for many kilometres of land.",
        "Fermentation by yeast turns sugar into carbon dioxide, which makes bread dough rise.",
        "Lightning heats the air around it to temperatures hotter than the surface of the sun.",
        "Glaciers move slowly downhill under their own weight and carve wide valleys into mountains.",
        "A healthy breakfast with grains and fruit helps students concentrate through the morning.",
        "Team sports teach players to share the ball, plan together and respect the referee.",
        "Good handwriting comes from practice, a relaxed grip and enough space between the words.",
        "Museums keep old objects in rooms with steady temperature and humidity to slow decay.",
        "The first bicycles had no pedals, and riders pushed themselves along with their feet.",
        "Penguins huddle together in winter storms and take turns standing on the cold outside.",
        "Electric cars store energy in batteries and turn it into motion with very little noise.",
        "Dictionaries list words in alphabetical order and explain their meanings and origins.",
    ),
    "ko": (
        "구름은 따뜻하고 습한 공기가 올라가 식으면서 수증기가 작은 먼지에 맺혀 생깁니다.",
        "금속 활자 인쇄는 책을 빠르게 찍어 내게 해서 지식이 널리 퍼지는 데 큰 역할을 했습니다.",
        "식물은 엽록소로 빛을 받아 물과 이산화탄소에서 당과 산소를 만듭니다.",
        "해류는 적도의 열을 극지방으로 옮기며 바닷가 지역의 기후에 영향을 줍니다.",
        "화산은 가스와 마그마의 압력이 위를 덮은 암석보다 커질 때 분화합니다.",
        "초기의 컴퓨터는 방 하나를 가득 채울 만큼 컸고 사람이 손으로 전선을 바꿔 꽂아 프로그램했습니다.",
        "음악에서 한 옥타브 위의 음은 아래 음보다 두 배 빠르게 진동합니다.",
        "비단길은 천 년이 넘는 동안 중국과 지중해의 상인들을 이어 주었습니다.",
        "꿀벌은 벌집 안에서 8자 모양으로 춤을 추어 꽃이 있는 곳을 알려 줍니다.",
        "달의 중력이 바닷물을 끌어당겨 하루에 두 번쯤 밀물이 생깁니다.",
        "알루미늄 캔을 재활용하면 광석에서 새 금속을 만들 때 드는 에너지를 대부분 아낄 수 있습니다.",
        "사람의 심장은 의식하지 않아도 하루에 십만 번쯤 뜁니다.",
        "지도는 축척을 써서 종이 위의 몇 센티미터가 땅 위의 몇 킬로미터를 나타내게 합니다.",
        "효모가 당을 분해해 이산화탄소를 만들기 때문에 빵 반죽이 부풀어 오릅니다.",
        "번개는 주변 공기를 태양 표면보다 뜨겁게 달굽니다.",
        "빙하는 자기 무게 때문에 천천히 아래로 흘러내리며 넓은 골짜기를 만듭니다.",
        "곡물과 과일이 들어간 아침 식사는 오전 내내 집중하는 데 도움이 됩니다.",
        "단체 운동은 공을 나누고 함께 작전을 짜며 심판을 존중하는 법을 가르쳐 줍니다.",
        "글씨를 바르게 쓰려면 연필을 편하게 쥐고 낱말 사이를 충분히 띄어야 합니다.",
        "박물관은 오래된 물건이 상하지 않도록 온도와 습도를 일정하게 유지합니다.",
        "처음 나온 두발자전거에는 페달이 없어서 발로 땅을 밀며 탔습니다.",
        "펭귄은 겨울 폭풍 속에서 서로 붙어 서서 바깥쪽 자리를 번갈아 맡습니다.",
        "전기 자동차는 배터리에 모은 에너지로 거의 소리 없이 움직입니다.",
        "사전은 낱말을 가나다순으로 늘어놓고 뜻과 유래를 설명합니다.",
    ),
}


def document(lang: str, seed: int = 7) -> str:
    """Paragraphs of filler, each fact hidden in the middle of one of them (the same layout for a seed)."""
    rng = random.Random(seed)
    filler = list(FILLER[lang])
    facts = list(FACTS[lang])
    paragraphs = []
    for i, fact in enumerate(facts):
        around = rng.sample(filler, 4)
        paragraphs.append(" ".join([*around[:2], fact.text, *around[2:]]))
        if i % 3 == 2:  # and some paragraphs of filler alone
            paragraphs.append(" ".join(rng.sample(filler, 5)))
    return "\n\n".join(paragraphs)
