//! Risk scoring: likelihood × impact (1–5 each) gives a score of 1–25 and a RAG.

use super::model::{Rag, Risk};

/// likelihood × impact, if both are assessed.
///
/// A likelihood or impact outside 1–5 (bad data in an imported file) counts as not
/// assessed, so the score is always 1–25 when there is one.
pub fn score(risk: &Risk) -> Option<u8> {
    let l = risk.likelihood.filter(|v| (1..=5).contains(v))?;
    let i = risk.impact.filter(|v| (1..=5).contains(v))?;
    Some(l * i)
}

/// RAG of a score: 1–4 green, 5–12 amber, 15–25 red (the common 5×5 matrix banding).
///
/// 13 and 14 are not products of two numbers from 1 to 5; they are rated red like
/// anything above 12. A score of 0 is not rated.
pub fn rag_of_score(score: u8) -> Rag {
    match score {
        0 => Rag::NotRated,
        1..=4 => Rag::Green,
        5..=12 => Rag::Amber,
        _ => Rag::Red,
    }
}

/// The risk's RAG: stated if the plan states one, else from its score, else not rated.
pub fn rag(risk: &Risk) -> Rag {
    risk.rag
        .or_else(|| score(risk).map(rag_of_score))
        .unwrap_or(Rag::NotRated)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn risk(l: Option<u8>, i: Option<u8>, rag: Option<Rag>) -> Risk {
        Risk {
            likelihood: l,
            impact: i,
            rag,
            ..Risk::default()
        }
    }

    #[test]
    fn score_is_likelihood_times_impact() {
        assert_eq!(score(&risk(Some(3), Some(4), None)), Some(12));
        assert_eq!(score(&risk(Some(5), Some(5), None)), Some(25));
        assert_eq!(score(&risk(Some(1), Some(1), None)), Some(1));
        assert_eq!(score(&risk(None, Some(4), None)), None);
        assert_eq!(score(&risk(Some(4), None, None)), None);
        // Out of range never overflows or panics.
        assert_eq!(score(&risk(Some(200), Some(200), None)), None);
        assert_eq!(score(&risk(Some(0), Some(3), None)), None);
    }

    #[test]
    fn bands() {
        for s in 1..=4 {
            assert_eq!(rag_of_score(s), Rag::Green, "{s}");
        }
        for s in 5..=12 {
            assert_eq!(rag_of_score(s), Rag::Amber, "{s}");
        }
        for s in 13..=25 {
            assert_eq!(rag_of_score(s), Rag::Red, "{s}");
        }
        assert_eq!(rag_of_score(0), Rag::NotRated);
        // Every possible product lands in a band.
        for l in 1..=5u8 {
            for i in 1..=5u8 {
                assert_ne!(rag_of_score(l * i), Rag::NotRated);
            }
        }
    }

    #[test]
    fn stated_rag_wins() {
        assert_eq!(rag(&risk(Some(5), Some(5), Some(Rag::Green))), Rag::Green);
        assert_eq!(rag(&risk(Some(5), Some(5), None)), Rag::Red);
        assert_eq!(rag(&risk(Some(2), Some(3), None)), Rag::Amber);
        assert_eq!(rag(&risk(Some(2), Some(2), None)), Rag::Green);
        assert_eq!(rag(&risk(None, None, None)), Rag::NotRated);
    }
}
