//! Ranking the matches a full-text index found (issue 15): Okapi BM25 over the candidate
//! texts themselves. The engines' own rank functions were measured too slow at scale:
//! SQLite's `bm25()` counts every row holding each query word (its IDF) on each query,
//! 25 ms for a word in 1 of 6 rows of 1,000,000 (1 ms without it). Here the statistics are
//! those of the candidates (the newest few hundred matches), so a query costs the same at
//! any size, and both engines rank alike.

use super::word_matches;

/// BM25's usual constants: how fast repeats stop counting, how much length matters.
const K1: f64 = 1.2;
const B: f64 = 0.75;

/// Each folded text's score for `words` (higher is better), in the order given. A word
/// counts where it begins a word of the text (`word_matches`); a word found in fewer of the
/// texts weighs more, a repeat counts less than the first, and a long text less than a short
/// one.
pub fn scores(texts: &[&str], words: &[String]) -> Vec<f64> {
    if texts.is_empty() || words.is_empty() {
        return vec![0.0; texts.len()];
    }
    // Per text: its length in words and how often each query word occurs.
    let counted: Vec<(usize, Vec<usize>)> = texts
        .iter()
        .map(|t| {
            let mut tf = vec![0; words.len()];
            let mut len = 0;
            for token in t
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
            {
                len += 1;
                for (k, w) in words.iter().enumerate() {
                    if word_matches(token, w) {
                        tf[k] += 1;
                    }
                }
            }
            (len, tf)
        })
        .collect();
    let n = texts.len() as f64;
    let avg = counted.iter().map(|(len, _)| *len as f64).sum::<f64>() / n;
    let avg = avg.max(1.0);
    let idf: Vec<f64> = (0..words.len())
        .map(|k| {
            let df = counted.iter().filter(|(_, tf)| tf[k] > 0).count() as f64;
            (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
        })
        .collect();
    counted
        .iter()
        .map(|(len, tf)| {
            let norm = K1 * (1.0 - B + B * *len as f64 / avg);
            tf.iter()
                .zip(&idf)
                .map(|(&f, idf)| {
                    let f = f as f64;
                    idf * f * (K1 + 1.0) / (f + norm)
                })
                .sum()
        })
        .collect()
}

/// The positions of `texts` best first; equal scores keep the given order (callers give the
/// candidates newest first, so the newer of two equals comes first).
pub fn best_first(texts: &[&str], words: &[String]) -> Vec<usize> {
    let s = scores(texts, words);
    let mut order: Vec<usize> = (0..texts.len()).collect();
    // Stable: equal scores keep the given order (the callers give newest first).
    order.sort_by(|&a, &b| s[b].total_cmp(&s[a]));
    order
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::words;

    #[test]
    fn repeats_and_short_texts_rank_higher() {
        let texts = [
            "trien lam tranh va gom xua cho khach",
            "trien lam gom gom bat trang cho khach",
            "gom",
            "trien lam tranh va gom moi cho khach cua thanh pho ha noi",
        ];
        let order = best_first(&texts, &words("gốm"));
        assert_eq!(order, vec![2, 1, 0, 3]);
    }

    #[test]
    fn rarer_words_weigh_more_and_prefixes_count() {
        let texts = ["hoi thao quoc te", "hoi nghi", "hoi hop", "hoi thao"];
        let s = scores(&texts, &words("hoi tha"));
        // "tha…" is in 2 of 4, "hoi" in all: the two with "thao" come first.
        assert!(s[3] > s[1] && s[0] > s[2], "{s:?}");
        assert!(s[3] > s[0], "shorter first: {s:?}");
        // A one-letter word counts only whole.
        assert_eq!(
            scores(&["a ab"], &words("a")),
            scores(&["a b"], &words("a"))
        );
    }

    #[test]
    fn equal_scores_keep_the_given_order() {
        let texts = ["hoi thao moi", "hoi thao cu", "hoi thao xua"];
        assert_eq!(best_first(&texts, &words("hoi")), vec![0, 1, 2]);
        assert!(best_first(&[], &words("hoi")).is_empty());
        assert_eq!(scores(&["x"], &[]), vec![0.0]);
    }
}
